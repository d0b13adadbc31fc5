import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A person who signs in to operate Limye; what they may do is their Membership's role in each organisation. */
@Entity({ name: 'operator_users' })
export class OperatorUser {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** As given at creation; unique whatever its case (index on lower(email)). Personal data: never logged. */
  @Column({ type: 'varchar', length: 254 })
  email: string;

  /** `scrypt$N$r$p$salt$hash` (libs/platform scryptHash); never leaves this service. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'password_changed_at', type: 'timestamptz', default: () => 'now()' })
  passwordChangedAt: Date;
}
