import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A company (or programme) that runs Limye for its customers; everything an operator owns belongs to one. */
@Entity({ name: 'organisations' })
export class Organisation {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
