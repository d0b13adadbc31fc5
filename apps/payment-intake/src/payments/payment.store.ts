import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { AUDIT_LOG_COLUMNS, AuditEntry, auditRowValues, currentCorrelationId, DEFAULT_ORGANISATION_ID, LeasedTable, preparedQuery } from '@limye/platform';
import { ACTIVE_STATES, assertTransition, isActive, PaymentState } from './domain/payment-state';
import { Payment } from './payment.entity';

export interface CallbackRecord {
  provider: string;
  kind: string;
  payload: Record<string, unknown>;
  transactionId?: string;
  orderId?: string;
}

export interface IngestResult {
  paymentId: string;
  created: boolean;
  reopened: boolean;
  state: PaymentState;
  /** A new payment inserted already leased to the caller (ingest with leaseMs), ready to process. */
  leased?: Payment;
}

/** What else a transition writes in the same statement. */
export interface TransitionEffects {
  /** The provider confirmed the payment of this order: link the order to the payment, take its account and organisation. */
  checkoutOrderId?: string;
  /** An event for the transactional outbox (published to JetStream by the OutboxPublisher). */
  outbox?: { id: string; subject: string; payload: Record<string, unknown> };
  /**
   * States the payment went through on its way to `to` without being written in each (steps whose work is
   * a read, redone after a crash): each still gets its history row, in order, before the one of `to`.
   */
  passedThrough?: Array<{ state: PaymentState; detail: string }>;
  /** An operator's action: its audit row, written only if the payment moved (platform AuditRecorder's row). */
  audit?: AuditEntry;
}

const ACTIVE_SQL = ACTIVE_STATES.map((s) => `'${s}'`).join(',');

/**
 * All writes of payments, as single SQL statements (CTEs): a state change, its history row and what
 * goes with it (order link, outbox event) commit together or not at all, in one round trip — the
 * payment path runs hundreds of times a second and each round trip costs. Every state change is
 * conditional (… WHERE state = from), so two workers can never both move a payment.
 */
@Injectable()
export class PaymentStore {
  /**
   * The payments as a work queue: an active payment is due at next_attempt_at, leased by lease_until
   * (FOR UPDATE SKIP LOCKED: replicas never pick the same one); `attempts` counts the tries of the
   * current step (raised by retryLater, reset by every transition).
   */
  readonly leasedTable: LeasedTable;

  constructor(@InjectDataSource() private readonly ds: DataSource) {
    this.leasedTable = new LeasedTable(ds, {
      table: 'payments',
      pending: `state IN (${ACTIVE_SQL})`,
      dueColumn: 'next_attempt_at',
      leaseColumn: 'lease_until',
      attempts: { column: 'attempts', counted: 'on-retry' },
      returning: ds.getMetadata(Payment).columns.map((c) => c.databaseName),
    });
  }

  /**
   * Records a callback and the payment it points at, once: a payment is unique on (provider,
   * transaction id), so the same alert 20 times at once makes one payment. The callback's order id is
   * only a claim: the order is linked once the provider confirms it (TransitionEffects.checkoutOrderId),
   * so a forged alert can never take an order's place — nor choose the payment's organisation: a new payment
   * is the default organisation's until the provider confirms whose order it paid. A REJECTED payment named
   * again is reopened for verification (it moved no money) — unless it was rejected less than
   * `reopenRejectedAfterMs` ago: then it is answered as it is, so re-sending a forged id costs MonCash nothing
   * (undefined: always reopened, for the reconciler, whose word comes from MonCash itself).
   */
  async ingest(cb: CallbackRecord & { transactionId: string }, leaseMs?: number, reopenRejectedAfterMs?: number): Promise<IngestResult> {
    // With leaseMs the new row is born leased to us (nobody else can have it yet): no separate claim.
    const created = await preparedQuery(
      this.ds,
      `WITH ins AS (
         INSERT INTO payments (id, provider, provider_ref, state, lease_until, organisation_id)
         VALUES ($1, $2, $3, 'RECEIVED', CASE WHEN $8::int IS NULL THEN NULL ELSE now() + ($8::int * interval '1 millisecond') END, $9)
         ON CONFLICT (provider, provider_ref) DO NOTHING RETURNING ${this.columnList()}),
       ev AS (INSERT INTO payment_events (payment_id, state, detail) SELECT id, 'RECEIVED', $4 FROM ins),
       cb AS (INSERT INTO provider_callbacks (provider, kind, payload, transaction_id, order_id, payment_id, outcome)
              SELECT $2, $5, $6, $3, $7, id, 'created' FROM ins)
       SELECT ${this.columnList()} FROM ins`,
      [randomUUID(), cb.provider, cb.transactionId, `${cb.provider} ${cb.kind}`, cb.kind, cb.payload, cb.orderId ?? null, leaseMs ?? null, DEFAULT_ORGANISATION_ID],
    );
    if (created.length === 1) {
      const payment = this.hydrate(created[0]);
      return { paymentId: payment.id, created: true, reopened: false, state: 'RECEIVED', leased: leaseMs ? payment : undefined };
    }

    // A duplicate. A new statement sees the row the concurrent insert committed.
    const [existing] = await preparedQuery<{ id: string; state: PaymentState; rejected_recently: boolean }>(
      this.ds,
      `SELECT id, state, (state = 'REJECTED' AND updated_at > now() - ($3::bigint * interval '1 millisecond')) AS rejected_recently
       FROM payments WHERE provider = $1 AND provider_ref = $2`,
      [cb.provider, cb.transactionId, reopenRejectedAfterMs ?? 0],
    );
    if (existing.state === 'REJECTED' && existing.rejected_recently) {
      await this.recordCallback(cb, existing.id, 'rejected_recently');
      return { paymentId: existing.id, created: false, reopened: false, state: 'REJECTED' };
    }
    let reopened = false;
    if (existing.state === 'REJECTED') {
      const moved = await this.transition(
        { id: existing.id, state: 'REJECTED' } as Payment,
        'RECEIVED',
        { reason: null, notFoundCount: 0 },
        'reopened: the provider called again about it',
      );
      reopened = moved !== null;
    }
    await this.recordCallback(cb, existing.id, reopened ? 'reopened' : 'duplicate');
    return { paymentId: existing.id, created: false, reopened, state: reopened ? 'RECEIVED' : existing.state };
  }

  async recordIgnoredCallback(cb: CallbackRecord, outcome: string): Promise<void> {
    await this.recordCallback(cb, null, outcome);
  }

  private async recordCallback(cb: CallbackRecord, paymentId: string | null, outcome: string): Promise<void> {
    await preparedQuery(
      this.ds,
      `INSERT INTO provider_callbacks (provider, kind, payload, transaction_id, order_id, payment_id, outcome)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [cb.provider, cb.kind, cb.payload, cb.transactionId ?? null, cb.orderId ?? null, paymentId, outcome],
    );
  }

  /** Leases up to `limit` due payments (or only `onlyId`); see leasedTable. */
  async claimDue(limit: number, leaseMs: number, onlyId?: string): Promise<Payment[]> {
    return (await this.leasedTable.claim(limit, leaseMs, onlyId)).map((r) => this.hydrate(r));
  }

  /**
   * Moves a payment from its current state to `to` with `patch` and `effects`, in one statement.
   * Returns the payment as it now is, or null when someone else moved it first. Reaching an end state
   * also gives up the lease.
   */
  async transition(p: Payment, to: PaymentState, patch: Partial<Payment>, detail: string, effects: TransitionEffects = {}): Promise<Payment | null> {
    const passed = effects.passedThrough ?? [];
    [p.state, ...passed.map((x) => x.state)].forEach((from, i, chain) => assertTransition(from, chain[i + 1] ?? to));
    const params: unknown[] = [p.id, p.state, to, detail.slice(0, 1000)];
    const sets = ['state = $3', 'attempts = 0', 'next_attempt_at = now()', 'updated_at = now()'];
    if (!isActive(to)) sets.push(...this.leasedTable.releaseSets());
    for (const [column, value] of this.columnsOf(patch)) {
      params.push(value);
      sets.push(`"${column}" = $${params.length}`);
    }
    const ctes: string[] = [];
    if (effects.checkoutOrderId) {
      params.push(effects.checkoutOrderId);
      const orderParam = `$${params.length}`;
      // The account the order was for is what the payment pays: taken from the order, in the same statement.
      sets.push(`account_number = (SELECT account_number FROM checkouts WHERE provider = payments.provider AND order_id = ${orderParam})`);
      // Whose payment it is, from the order the provider confirmed (never from the callback); no order of ours: as it was.
      sets.push(`organisation_id = COALESCE((SELECT organisation_id FROM checkouts WHERE provider = payments.provider AND order_id = ${orderParam}), payments.organisation_id)`);
      // By primary key only, the first link kept by COALESCE: with `payment_id IS NULL` in the WHERE clause the
      // planner may take the partial index of open checkouts and read every open one (they only grow).
      ctes.push(`ck AS (UPDATE checkouts SET payment_id = COALESCE(checkouts.payment_id, moved.id) FROM moved
                        WHERE checkouts.order_id = ${orderParam} AND checkouts.provider = moved.provider)`);
    }
    if (effects.outbox) {
      params.push(effects.outbox.id, effects.outbox.subject, effects.outbox.payload, currentCorrelationId() ?? null);
      const n = params.length;
      ctes.push(`ob AS (INSERT INTO outbox (id, subject, payload, correlation_id, organisation_id) SELECT $${n - 3}, $${n - 2}, $${n - 1}, $${n}, moved.organisation_id FROM moved)`);
    }
    let events = `SELECT id, $3, $4 FROM moved`;
    if (passed.length) {
      // One history row per state, in order (their ids follow the ORDER BY).
      params.push(passed.map((x) => x.state), passed.map((x) => x.detail.slice(0, 1000)));
      const n = params.length;
      events = `SELECT moved.id, e.state, e.detail FROM moved,
                  unnest($${n - 1}::varchar[] || $3::varchar, $${n}::text[] || $4::text) WITH ORDINALITY AS e(state, detail, n) ORDER BY e.n`;
    }
    if (effects.audit) {
      // The row is the organisation's whose payment moved (AUDIT_LOG_COLUMNS' second column), whoever the actor is.
      const values = auditRowValues(effects.audit);
      const selected = values.map((value, i) => {
        if (i === 1) return 'moved.organisation_id';
        params.push(value);
        return `$${params.length}`;
      });
      ctes.push(`au AS (INSERT INTO audit_log (${AUDIT_LOG_COLUMNS}) SELECT ${selected.join(', ')} FROM moved)`);
    }
    const rows = await preparedQuery(
      this.ds,
      `WITH moved AS (UPDATE payments SET ${sets.join(', ')} WHERE id = $1 AND state = $2 RETURNING ${this.columnList()}),
       ev AS (INSERT INTO payment_events (payment_id, state, detail) ${events})
       ${ctes.map((c) => `, ${c}`).join('\n')}
       SELECT ${this.columnList()} FROM moved`,
      params,
    );
    return rows.length === 1 ? this.hydrate(rows[0]) : null;
  }

  /**
   * The account number an order was for (what a payment linked to it pays) and the organisation whose order it
   * is — what a transition with `checkoutOrderId` takes from it — or null for an order we do not have.
   */
  async checkoutOf(provider: string, orderId: string): Promise<{ accountNumber: string; organisationId: string } | null> {
    const [row] = await preparedQuery<{ account_number: string; organisation_id: string }>(
      this.ds,
      `SELECT account_number, organisation_id FROM checkouts WHERE provider = $1 AND order_id = $2`,
      [provider, orderId],
    );
    return row ? { accountNumber: row.account_number, organisationId: row.organisation_id } : null;
  }

  /** Leaves the payment where it is, to be tried again after `delayMs`; the lease is released. */
  async retryLater(p: Payment, delayMs: number, reason: string, patch: Partial<Payment> = {}): Promise<void> {
    const params: unknown[] = [p.id, p.state, reason.slice(0, 1000), Math.max(0, Math.round(delayMs))];
    const sets = [...this.leasedTable.retrySets('$4'), 'reason = $3', 'updated_at = now()'];
    for (const [column, value] of this.columnsOf(patch)) {
      params.push(value);
      sets.push(`"${column}" = $${params.length}`);
    }
    await preparedQuery(this.ds, `UPDATE payments SET ${sets.join(', ')} WHERE id = $1 AND state = $2`, params);
  }

  async releaseLease(id: string): Promise<void> {
    await this.leasedTable.release([id]);
  }

  /** Entity properties → [column, database value], through the entity's own column metadata. */
  private columnsOf(patch: Partial<Payment>): Array<[string, unknown]> {
    const meta = this.ds.getMetadata(Payment);
    return Object.entries(patch)
      .filter(([, v]) => v !== undefined)
      .map(([property, value]) => {
        const column = meta.findColumnWithPropertyName(property);
        if (!column) throw new Error(`payments has no column for ${property}`);
        const transformer = column.transformer && !Array.isArray(column.transformer) ? column.transformer : undefined;
        return [column.databaseName, transformer ? transformer.to(value) : value];
      });
  }

  private columns?: string;

  /** The entity's columns, named: prepared statements must not depend on `*` (see preparedQuery). */
  private columnList(): string {
    this.columns ??= this.ds.getMetadata(Payment).columns.map((c) => `"${c.databaseName}"`).join(', ');
    return this.columns;
  }

  /** A payments row (as a statement returned it) as a Payment. */
  hydrate(row: Record<string, unknown>): Payment {
    const payment = new Payment();
    for (const column of this.ds.getMetadata(Payment).columns) {
      const transformer = column.transformer && !Array.isArray(column.transformer) ? column.transformer : undefined;
      const raw = row[column.databaseName];
      (payment as unknown as Record<string, unknown>)[column.propertyName] = transformer ? transformer.from(raw) : raw;
    }
    return payment;
  }
}
