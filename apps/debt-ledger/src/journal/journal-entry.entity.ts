import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { JournalEntryKind } from '@limye/contracts';

/**
 * One business event in the ledger, posted once: its idempotency key (`allocation:<paymentId>`,
 * `delivery:<paymentId>`) is unique in its organisation, and `request_hash` tells a replay from a conflicting request.
 * Immutable: the database rejects UPDATE and DELETE.
 */
@Entity({ name: 'journal_entries' })
@Index('journal_entries_idempotency_key_uq', ['organisationId', 'idempotencyKey'], { unique: true })
@Index('journal_entries_payment_idx', ['organisationId', 'paymentId'])
@Check('journal_entries_kind_ck', `"kind" IN ('payment_allocation', 'energy_delivery')`)
export class JournalEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Whose books the entry is in; its postings are to that organisation's accounts only. */
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 128 })
  idempotencyKey: string;

  @Column({ type: 'varchar', length: 32 })
  kind: JournalEntryKind;

  @Column({ name: 'payment_id', type: 'uuid' })
  paymentId: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'text' })
  description: string;

  /** SHA-256 (hex) of the request fields that decide the postings. */
  @Column({ name: 'request_hash', type: 'varchar', length: 64 })
  requestHash: string;
}
