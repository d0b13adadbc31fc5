import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { toSafeInteger } from '@limye/contracts';
import { LeasedTable, preparedQuery, returnedRows } from '@limye/platform';
import { REJECTION_REASON_MAX, releaseOnRegistrationRefused } from '../domain/omis-outbox-rules';
import type { OmisWriteKind } from './omis-outbox-row.entity';

/** last_error of a sale's later writes once OMIS refused its registration. */
export const REGISTRATION_REFUSED = 'registration refused by OMIS';

export interface ClaimedWrite {
  id: string;
  saleReference: string;
  kind: OmisWriteKind;
  payload: Record<string, unknown>;
  attempts: number;
}

/** What a refused registration did to its sale. */
export interface RegistrationRefusal {
  previousStatus: string;
  tier: number;
  incentiveRwf: number;
  /** Which part of the tier's budget got the incentive back. */
  released: 'reserved' | 'spent' | 'nothing';
  nationalIdMasked: string;
  /** Later writes of the sale that will now never be sent. */
  writesStopped: OmisWriteKind[];
}

/** A claimed outbox row as the worker takes it. */
export function toClaimedWrite(r: Record<string, unknown>): ClaimedWrite {
  return { id: String(r.id), saleReference: r.sale_reference as string, kind: r.kind as OmisWriteKind, payload: r.payload as Record<string, unknown>, attempts: r.attempts as number };
}

/** The OMIS outbox table: rows are queued by the sale statements themselves (in their transaction), claimed here with FOR UPDATE SKIP LOCKED. */
@Injectable()
export class OmisOutboxRepository {
  /**
   * The outbox as a work queue: due writes are leased, only the oldest unfinished one of each sale (so a
   * sale's registration reaches OMIS before its confirmation or cancellation). A lease is a later
   * next_attempt_at: a process that dies mid-send leaves the row to be taken again when it runs out (OMIS
   * writes are idempotent). Every claim counts an attempt.
   */
  readonly leasedTable: LeasedTable;

  constructor(@InjectDataSource() private readonly ds: DataSource) {
    this.leasedTable = new LeasedTable(ds, {
      table: 'omis_outbox',
      id: { column: 'id', type: 'bigint' },
      pending: 'sent_at IS NULL AND failed_at IS NULL',
      dueColumn: 'next_attempt_at',
      attempts: { column: 'attempts', counted: 'on-claim' },
      claimableIf: `NOT EXISTS (SELECT 1 FROM omis_outbox p
                                 WHERE p.sale_reference = candidate.sale_reference AND p.id < candidate.id AND p.sent_at IS NULL AND p.failed_at IS NULL)`,
      orderBy: 'candidate.next_attempt_at, candidate.id',
      returning: ['id', 'sale_reference', 'kind', 'payload', 'attempts'],
    });
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
      `UPDATE omis_outbox SET ${this.leasedTable.retrySets('$2').join(', ')}, last_error = $3 WHERE id = $1`,
      [write.id, Math.round(delayMs), error.slice(0, 500)],
    );
  }

  /**
   * OMIS refused a sale's registration. OMIS is the authority, so in one transaction: the write fails, the
   * sale becomes `rejected` (with when and why), its incentive goes back to the tier's budget (reserved or
   * spent, by its status), and its later writes (confirm, cancel) fail too, so they are never sent.
   *
   * Safe to run twice or on several replicas at once: the outbox row is locked and changed only while it is
   * neither sent nor failed, then the sale is locked (FOR UPDATE: a confirmation or an expiry racing it
   * waits and then finds it rejected) and money moves only on its move to `rejected`. Locks are taken in
   * markSent's order (outbox row, then sale, then budget). Returns what happened, or null when another
   * pass had already done it.
   */
  async markRegistrationRefused(write: ClaimedWrite, error: string): Promise<RegistrationRefusal | null> {
    return this.ds.transaction(async (tx) => {
      const failed = returnedRows<{ id: string }>(
        await tx.query(
          `UPDATE omis_outbox SET failed_at = now(), last_error = $2 WHERE id = $1 AND sent_at IS NULL AND failed_at IS NULL RETURNING id`,
          [write.id, error.slice(0, 500)],
        ),
      );
      if (failed.length === 0) return null;
      const [sale]: Array<{ id: string; organisation_id: string; status: string; tier: number; incentive_rwf: string; national_id_masked: string }> = await tx.query(
        `SELECT id, organisation_id, status, tier, incentive_rwf, national_id_masked FROM sales WHERE reference = $1 FOR UPDATE`,
        [write.saleReference],
      );
      if (!sale) return null;
      const release = releaseOnRegistrationRefused(sale.status);
      if (release === null) {
        await tx.query(`UPDATE sales SET omis_status = 'rejected' WHERE id = $1`, [sale.id]);
        return null;
      }
      await tx.query(
        `UPDATE sales SET status = 'rejected', rejected_at = now(), rejection_reason = $2, omis_status = 'rejected' WHERE id = $1`,
        [sale.id, error.slice(0, REJECTION_REASON_MAX)],
      );
      if (release !== 'nothing') {
        // The column comes from a closed set, never from input.
        const column = release === 'reserved' ? 'reserved_rwf' : 'spent_rwf';
        await tx.query(`UPDATE budgets SET ${column} = ${column} - $2, updated_at = now() WHERE organisation_id = $3 AND tier = $1`, [sale.tier, sale.incentive_rwf, sale.organisation_id]);
      }
      const cancelled = returnedRows<{ kind: OmisWriteKind }>(
        await tx.query(
          `UPDATE omis_outbox SET failed_at = now(), last_error = $2
            WHERE sale_reference = $1 AND sent_at IS NULL AND failed_at IS NULL
            RETURNING kind`,
          [write.saleReference, REGISTRATION_REFUSED],
        ),
      );
      return {
        previousStatus: sale.status,
        tier: Number(sale.tier),
        incentiveRwf: toSafeInteger(sale.incentive_rwf),
        released: release,
        nationalIdMasked: sale.national_id_masked,
        writesStopped: cancelled.map((r) => r.kind),
      };
    });
  }

  /** Writes not yet sent nor failed, and how long the oldest has waited (seconds; 0 when none). */
  async backlog(): Promise<{ pending: number; oldestSeconds: number }> {
    const [row] = await preparedQuery<{ pending: number; oldest: number | null }>(
      this.ds,
      `SELECT count(*)::int AS pending, extract(epoch FROM now() - min(created_at))::float8 AS oldest
         FROM omis_outbox WHERE sent_at IS NULL AND failed_at IS NULL`,
      [],
    );
    return { pending: row?.pending ?? 0, oldestSeconds: row?.oldest ?? 0 };
  }

  /** OMIS refused a confirmation or cancellation: never retried; the sale shows omis_status 'rejected' for an operator. */
  async markRejected(write: ClaimedWrite, error: string): Promise<void> {
    await preparedQuery(
      this.ds,
      `WITH failed AS (UPDATE omis_outbox SET failed_at = now(), last_error = $2 WHERE id = $1 RETURNING sale_reference)
       UPDATE sales SET omis_status = 'rejected' WHERE reference = (SELECT sale_reference FROM failed)`,
      [write.id, error.slice(0, 500)],
    );
  }

  /**
   * What OMIS already has need not be kept twice: the payloads (national ID included) of writes sent more
   * than `days` ago are cleared (docs/privacy.md); the rows stay as the audit trail.
   */
  async clearSentPayloads(days: number): Promise<void> {
    await this.ds.query(
      `UPDATE omis_outbox SET payload = '{}'::jsonb
        WHERE sent_at < now() - ($1::int * interval '1 day') AND payload <> '{}'::jsonb`,
      [days],
    );
  }
}
