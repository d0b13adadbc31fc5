import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A USSD session kept server-side: the menus' state between hops, how many inputs were already handled
 * (Africa's Talking resends the whole path) and the last reply (answered again to a replayed hop).
 * Updated with optimistic locking on `version`; deleted by the sweeper once expired.
 */
@Entity({ name: 'ussd_sessions' })
@Index('ussd_sessions_expires_idx', ['expiresAt'])
export class UssdSession {
  /** `<gateway>:<sessionId>`. */
  @PrimaryColumn({ name: 'session_key', type: 'varchar', length: 192 })
  sessionKey: string;

  /** E.164. */
  @Column({ type: 'varchar', length: 32 })
  phone: string;

  /** The organisation the session acts for: its phone's agent's when it began, else the default one. */
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  /** 'en' | 'rw', once chosen. */
  @Column({ type: 'varchar', length: 2, nullable: true })
  language: string | null;

  @Column({ type: 'jsonb' })
  state: Record<string, unknown>;

  @Column({ name: 'input_count', type: 'integer', default: 0 })
  inputCount: number;

  /** The screen last sent, without CON/END (`ended` says which); null while a hop with effects runs. */
  @Column({ name: 'last_reply', type: 'text', nullable: true })
  lastReply: string | null;

  @Column({ type: 'boolean', default: false })
  ended: boolean;

  /** The last hop's input from a "latest input only" gateway (never a PIN): its copy is recognised by it. */
  @Column({ name: 'last_input', type: 'varchar', length: 64, nullable: true })
  lastInput: string | null;

  /** When the last reply was saved. */
  @Column({ name: 'replied_at', type: 'timestamptz', nullable: true })
  repliedAt: Date | null;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  /** created_at + USSD_SESSION_TTL_S. */
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
