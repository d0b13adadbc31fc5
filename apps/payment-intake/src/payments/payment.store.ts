import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'crypto';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { returnedRows } from '@limye/platform';
import { ProviderCallback } from '../callbacks/provider-callback.entity';
import { Checkout } from '../moncash/checkout.entity';
import { ACTIVE_STATES, assertTransition, PaymentState } from './domain/payment-state';
import { PaymentEvent } from './payment-event.entity';
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
}

const ACTIVE_SQL = ACTIVE_STATES.map((s) => `'${s}'`).join(',');

/**
 * All reads and writes of payments. Every state change is a conditional UPDATE (… WHERE state = from)
 * plus a history row in one transaction, so two workers can never both move a payment.
 */
@Injectable()
export class PaymentStore {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Records a callback and the payment it points at, once: a payment is unique on (provider,
   * transaction id), so the same alert 20 times at once makes one payment. A REJECTED payment named
   * again is reopened for verification (it moved no money).
   */
  async ingest(cb: CallbackRecord & { transactionId: string }): Promise<IngestResult> {
    return this.ds.transaction(async (m) => {
      // The callback's order id is only a claim: the order is linked to the payment once the provider
      // confirms it (see linkCheckout), so a forged alert can never take an order's place.
      const inserted = await this.insertReceived(m, randomUUID(), cb);
      if (!inserted) {
        const existing = await m.findOneOrFail(Payment, { where: { provider: cb.provider, providerRef: cb.transactionId } });
        let reopened = false;
        if (existing.state === 'REJECTED') {
          reopened = await this.move(m, existing, 'RECEIVED', { reason: null, notFoundCount: 0 }, 'reopened: the provider called again about it');
        }
        await this.recordCallback(m, cb, existing.id, reopened ? 'reopened' : 'duplicate');
        return { paymentId: existing.id, created: false, reopened, state: reopened ? 'RECEIVED' : existing.state };
      }
      await m.insert(PaymentEvent, { paymentId: inserted, state: 'RECEIVED', detail: `${cb.provider} ${cb.kind}` });
      await this.recordCallback(m, cb, inserted, 'created');
      return { paymentId: inserted, created: true, reopened: false, state: 'RECEIVED' };
    });
  }

  async recordIgnoredCallback(cb: CallbackRecord, outcome: string): Promise<void> {
    await this.recordCallback(this.ds.manager, cb, null, outcome);
  }

  private async insertReceived(m: EntityManager, id: string, cb: CallbackRecord & { transactionId: string }): Promise<string | null> {
    const rows: Array<{ id: string }> = await m.query(
      `INSERT INTO payments (id, provider, provider_ref, state)
       VALUES ($1, $2, $3, 'RECEIVED') ON CONFLICT (provider, provider_ref) DO NOTHING RETURNING id`,
      [id, cb.provider, cb.transactionId],
    );
    return rows[0]?.id ?? null;
  }

  private async recordCallback(m: EntityManager, cb: CallbackRecord, paymentId: string | null, outcome: string): Promise<void> {
    await m.insert(ProviderCallback, {
      provider: cb.provider,
      kind: cb.kind,
      payload: cb.payload as never,
      transactionId: cb.transactionId ?? null,
      orderId: cb.orderId ?? null,
      paymentId,
      outcome,
    });
  }

  /** Leases up to `limit` due payments (FOR UPDATE SKIP LOCKED: replicas never pick the same one). */
  async claimDue(limit: number, leaseMs: number, onlyId?: string): Promise<Payment[]> {
    const rows = returnedRows<{ id: string }>(await this.ds.query(
      `UPDATE payments SET lease_until = now() + ($2::int * interval '1 millisecond')
       WHERE id IN (
         SELECT id FROM payments
         WHERE state IN (${ACTIVE_SQL}) AND next_attempt_at <= now()
           AND (lease_until IS NULL OR lease_until < now())
           ${onlyId ? 'AND id = $3' : ''}
         ORDER BY next_attempt_at
         LIMIT $1
         FOR UPDATE SKIP LOCKED)
       RETURNING id`,
      onlyId ? [limit, leaseMs, onlyId] : [limit, leaseMs],
    ));
    if (rows.length === 0) return [];
    return this.ds.getRepository(Payment).findBy({ id: In(rows.map((r) => r.id)) });
  }

  /**
   * Moves a payment from its current state to `to` with `patch`, and lets `alsoInTransaction` write
   * more (an outbox event) in the same transaction. False when someone else moved it first.
   */
  async transition(
    p: Payment,
    to: PaymentState,
    patch: Partial<Payment>,
    detail: string,
    alsoInTransaction?: (m: EntityManager) => Promise<void>,
  ): Promise<Payment | null> {
    return this.ds.transaction(async (m) => {
      const moved = await this.move(m, p, to, patch, detail);
      if (!moved) return null;
      if (alsoInTransaction) await alsoInTransaction(m);
      return m.findOneOrFail(Payment, { where: { id: p.id } });
    });
  }

  private async move(m: EntityManager, p: Payment, to: PaymentState, patch: Partial<Payment>, detail: string): Promise<boolean> {
    assertTransition(p.state, to);
    const result = await m
      .createQueryBuilder()
      .update(Payment)
      .set({ ...patch, state: to, attempts: 0, nextAttemptAt: () => 'now()', updatedAt: () => 'now()' } as never)
      .where('id = :id AND state = :from', { id: p.id, from: p.state })
      .execute();
    if (!result.affected) return false;
    await m.insert(PaymentEvent, { paymentId: p.id, state: to, detail: detail.slice(0, 1000) });
    return true;
  }

  /** Leaves the payment where it is, to be tried again after `delayMs`; the lease is released. */
  async retryLater(p: Payment, delayMs: number, reason: string, patch: Partial<Payment> = {}): Promise<void> {
    await this.ds
      .createQueryBuilder()
      .update(Payment)
      .set({
        ...patch,
        attempts: () => 'attempts + 1',
        reason: reason.slice(0, 1000),
        leaseUntil: null,
        nextAttemptAt: () => `now() + (${Math.max(0, Math.round(delayMs))} * interval '1 millisecond')`,
        updatedAt: () => 'now()',
      } as never)
      .where('id = :id AND state = :state', { id: p.id, state: p.state })
      .execute();
  }

  async releaseLease(id: string): Promise<void> {
    await this.ds.query('UPDATE payments SET lease_until = NULL WHERE id = $1', [id]);
  }

  async findCheckout(provider: string, orderId: string): Promise<Checkout | null> {
    return this.ds.getRepository(Checkout).findOne({ where: { provider, orderId } });
  }

  /** Inside a transition: the provider confirmed this payment paid this order, so the order is done. */
  async linkCheckout(m: EntityManager, provider: string, orderId: string, paymentId: string): Promise<void> {
    await m.update(Checkout, { provider, orderId, paymentId: IsNull() }, { paymentId });
  }
}
