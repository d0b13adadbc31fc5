import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A sales agent who uses the USSD tool from their phone, with a PIN. */
@Entity({ name: 'agents' })
@Index('agents_phone_uq', ['phone'], { unique: true })
@Index('agents_organisation_idx', ['organisationId'])
export class Agent {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** The organisation (RBF programme) this belongs to; every query filters by it. */
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  /**
   * E.164: the USSD gateway identifies the agent, and so the organisation, by it. Unique across
   * organisations: a phone that dials the national code must be exactly one agent.
   */
  @Column({ type: 'varchar', length: 16 })
  phone: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  /** `scrypt$N$r$p$salt$hash` (base64); never leaves this service. */
  @Column({ name: 'pin_hash', type: 'varchar', length: 200 })
  pinHash: string;

  /** Wrong PINs in a row since the last right one (or lock). */
  @Column({ name: 'failed_pin_attempts', type: 'integer', default: 0 })
  failedPinAttempts: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
