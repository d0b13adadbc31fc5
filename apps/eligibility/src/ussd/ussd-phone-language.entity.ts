import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The menu language each phone chose, so it is not asked again at the next dial. */
@Entity({ name: 'ussd_phone_languages' })
export class UssdPhoneLanguage {
  /** E.164. */
  @PrimaryColumn({ type: 'varchar', length: 32 })
  phone: string;

  /** 'en' | 'rw'. */
  @Column({ type: 'varchar', length: 2 })
  language: string;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
