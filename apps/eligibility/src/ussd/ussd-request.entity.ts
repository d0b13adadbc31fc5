import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One USSD hop as the request log keeps it (exported as CSV for programme staff). National IDs only
 * masked, PINs never: see docs/privacy.md.
 */
@Entity({ name: 'ussd_requests' })
@Index('ussd_requests_received_idx', ['receivedAt'])
@Index('ussd_requests_organisation_received_idx', ['organisationId', 'receivedAt'])
export class UssdRequest {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  /** Whose staff read the row: the organisation of the dialling phone's agent (its session's), else the default one. */
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;

  /** 'africastalking' | 'arkesel' */
  @Column({ type: 'varchar', length: 32 })
  gateway: string;

  @Column({ name: 'session_id', type: 'varchar', length: 128 })
  sessionId: string;

  /** E.164; who used the tool is what the programme audits. */
  @Column({ type: 'varchar', length: 32 })
  phone: string;

  @Column({ name: 'service_code', type: 'varchar', length: 32, nullable: true })
  serviceCode: string | null;

  @Column({ name: 'network_code', type: 'varchar', length: 16, nullable: true })
  networkCode: string | null;

  /** 'en' | 'rw', once known. */
  @Column({ type: 'varchar', length: 2, nullable: true })
  language: string | null;

  /** The input of this hop, with national IDs masked and PINs replaced by '****'. */
  @Column({ name: 'input_masked', type: 'varchar', length: 64, nullable: true })
  inputMasked: string | null;

  /** The screen the hop ended on, e.g. 'check.result'. */
  @Column({ type: 'varchar', length: 64 })
  screen: string;

  /** What happened, e.g. 'menu', 'eligible', 'unknown_id', 'invalid_input', 'sale_registered'. */
  @Column({ type: 'varchar', length: 64 })
  outcome: string;

  @Column({ name: 'national_id_masked', type: 'varchar', length: 16, nullable: true })
  nationalIdMasked: string | null;

  @Column({ name: 'duration_ms', type: 'integer', nullable: true })
  durationMs: number | null;
}
