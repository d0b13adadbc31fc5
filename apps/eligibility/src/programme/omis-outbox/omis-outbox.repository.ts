import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { preparedQuery } from '@limye/platform';
import type { OmisWriteKind } from './omis-outbox-row.entity';

export interface ClaimedWrite {
  id: string;
  saleReference: string;
  kind: OmisWriteKind;
  payload: Record<string, unknown>;
  attempts: number;
}

/** The OMIS outbox table: queued in the caller's transaction, claimed with FOR UPDATE SKIP LOCKED. */
@Injectable()
export class OmisOutboxRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Queues a write inside the caller's transaction. */
  async enqueue(tx: EntityManager, saleReference: string, kind: OmisWriteKind, payload: Record<string, unknown>): Promise<void> {
    await tx.query(`INSERT INTO omis_outbox (sale_reference, kind, payload) VALUES ($1, $2, $3)`, [saleReference, kind, payload]);
  }

  /**
   * Leases up to `limit` due writes, only the oldest unfinished one of each sale (so a sale's registration
   * reaches OMIS before its confirmation or cancellation). A lease is a later next_attempt_at: a process
   * that dies mid-send leaves the row to be taken again when it runs out (OMIS writes are idempotent).
   */
  async claimDue(limit: number, leaseMs: number): Promise<ClaimedWrite[]> {
    const rows = await preparedQuery<{ id: string; sale_reference: string; kind: OmisWriteKind; payload: Record<string, unknown>; attempts: number }>(
      this.ds,
      `UPDATE omis_outbox SET attempts = attempts + 1, next_attempt_at = now() + ($2::int * interval '1 millisecond')
        WHERE id IN (
          SELECT o.id FROM omis_outbox o
           WHERE o.sent_at IS NULL AND o.failed_at IS NULL AND o.next_attempt_at <= now()
             AND NOT EXISTS (SELECT 1 FROM omis_outbox p
                              WHERE p.sale_reference = o.sale_reference AND p.id < o.id AND p.sent_at IS NULL AND p.failed_at IS NULL)
           ORDER BY o.next_attempt_at, o.id
           LIMIT $1
           FOR UPDATE SKIP LOCKED)
        RETURNING id, sale_reference, kind, payload, attempts`,
      [limit, leaseMs],
    );
    return rows.map((r) => ({ id: String(r.id), saleReference: r.sale_reference, kind: r.kind, payload: r.payload, attempts: r.attempts }));
  }

  /** OMIS has it. The sale counts as sent once none of its writes is still waiting. */
  async markSent(write: ClaimedWrite): Promise<void> {
    await preparedQuery(
      this.ds,
      `WITH done AS (UPDATE omis_outbox SET sent_at = now(), last_error = NULL WHERE id = $1 RETURNING sale_reference)
       UPDATE sales SET omis_status = 'sent'
        WHERE reference = (SELECT sale_reference FROM done) AND omis_status = 'pending'
          AND NOT EXISTS (SELECT 1 FROM omis_outbox p WHERE p.sale_reference = $2 AND p.id <> $1 AND p.sent_at IS NULL AND p.failed_at IS NULL)`,
      [write.id, write.saleReference],
    );
  }

  async scheduleRetry(write: ClaimedWrite, delayMs: number, error: string): Promise<void> {
    await preparedQuery(
      this.ds,
      `UPDATE omis_outbox SET next_attempt_at = now() + ($2::int * interval '1 millisecond'), last_error = $3 WHERE id = $1`,
      [write.id, delayMs, error.slice(0, 500)],
    );
  }

  /** OMIS refused it: never retried; the sale shows omis_status 'rejected' for an operator. */
  async markRejected(write: ClaimedWrite, error: string): Promise<void> {
    await preparedQuery(
      this.ds,
      `WITH failed AS (UPDATE omis_outbox SET failed_at = now(), last_error = $2 WHERE id = $1 RETURNING sale_reference)
       UPDATE sales SET omis_status = 'rejected' WHERE reference = (SELECT sale_reference FROM failed)`,
      [write.id, error.slice(0, 500)],
    );
  }
}
