import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type OmisWriteKind = 'register' | 'confirm' | 'cancel';

/**
 * A write to OMIS, recorded in the same transaction as the change it reports and sent by the outbox
 * worker: a sale is never in Limye without its way to OMIS, and never sent to OMIS before it is in Limye.
 * Rows of one sale are sent in id order (register before confirm or cancel).
 */
@Entity({ name: 'omis_outbox' })
@Index('omis_outbox_due_idx', ['nextAttemptAt'], { where: `"sent_at" IS NULL AND "failed_at" IS NULL` })
@Index('omis_outbox_sale_idx', ['saleReference', 'id'])
@Check('omis_outbox_kind_check', `"kind" IN ('register', 'confirm', 'cancel')`)
export class OmisOutboxRow {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  /** The organisation (RBF programme) this belongs to; every query filters by it. */
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'sale_reference', type: 'varchar', length: 8 })
  saleReference: string;

  @Column({ type: 'varchar', length: 16 })
  kind: OmisWriteKind;

  /** The request body as OMIS gets it (a registration holds the full national ID). */
  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  /** OMIS refused it (a 4xx other than 408/429): not retried; an operator decides. */
  @Column({ name: 'failed_at', type: 'timestamptz', nullable: true })
  failedAt: Date | null;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
