import { DataSource } from 'typeorm';
import { DEFAULT_ORGANISATION_ID } from '@limye/platform';
import { http, OTHER_ORGANISATION_ID, pendingSchemaChanges, startServiceInProcess, InProcessService } from '@limye/testing';
import { Payment } from './payment.entity';
import { paymentIntakeService } from '../payment-intake.service-definition';
import { PaymentStore } from './payment.store';

describe('PaymentStore (real Postgres)', () => {
  let svc: InProcessService;
  let store: PaymentStore;
  let ds: DataSource;

  beforeAll(async () => {
    // MonCash is pointed at a closed port: verification never succeeds, so payments stay where the store puts them.
    svc = await startServiceInProcess(paymentIntakeService, {
      MONCASH_BASE_URL: 'http://127.0.0.1:9/Api',
      PAYMENT_WORKER_POLL_MS: '60000',
      MONCASH_RECONCILE_INTERVAL_MS: '3600000',
      PAYMENT_RETRY_BASE_MS: '600000',
    });
    store = svc.app.get(PaymentStore);
    ds = svc.app.get(DataSource);
  });
  afterAll(async () => {
    await svc?.close();
  });

  it('has migrations that match its entities', async () => {
    expect(await pendingSchemaChanges(ds)).toEqual([]);
  });

  it('makes one payment of the same callback 20 times at once, and keeps all 20 callbacks', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () => store.ingest({ provider: 'moncash', kind: 'alert', payload: { transactionId: 'T-20X' }, transactionId: 'T-20X' })),
    );
    expect(new Set(results.map((r) => r.paymentId)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM payments WHERE provider_ref = 'T-20X'`);
    expect(n).toBe(1);
    const [{ c }] = await ds.query(`SELECT count(*)::int AS c FROM provider_callbacks WHERE transaction_id = 'T-20X'`);
    expect(c).toBe(20);
  });

  it('leases a due payment to one claimer only', async () => {
    const { paymentId } = await store.ingest({ provider: 'moncash', kind: 'alert', payload: {}, transactionId: 'T-LEASE' });
    await ds.query(`UPDATE payments SET lease_until = NULL, next_attempt_at = now() WHERE id = $1`, [paymentId]);
    const claims = await Promise.all(Array.from({ length: 5 }, () => store.claimDue(1, 30000, paymentId)));
    expect(claims.flat().map((p) => p.id)).toEqual([paymentId]);
  });

  it('refuses an illegal transition and does not move a payment someone else moved', async () => {
    const { paymentId } = await store.ingest({ provider: 'moncash', kind: 'alert', payload: {}, transactionId: 'T-MOVE' });
    const [p] = await ds.query(`SELECT * FROM payments WHERE id = $1`, [paymentId]);
    const entity = await ds.getRepository('Payment').findOneByOrFail({ id: paymentId });
    await expect(store.transition(entity as never, 'DELIVERED', {}, 'skip ahead')).rejects.toThrow('cannot go from RECEIVED to DELIVERED');
    expect(p.state).toBe('RECEIVED');
    const first = await store.transition(entity as never, 'REJECTED', { reason: 'test' }, 'first');
    const second = await store.transition(entity as never, 'VERIFIED', {}, 'stale copy');
    expect(first?.state).toBe('REJECTED');
    expect(second).toBeNull();
  });

  it('links an order to the first payment verified for it, and a second payment for the same order does not take the link', async () => {
    await ds.query(
      `INSERT INTO checkouts (order_id, provider, reserved_payment_id, account_number, amount_minor, currency, payment_token, organisation_id)
       VALUES ('ORD-LINK-1', 'moncash', gen_random_uuid(), 'ACC-LINK-1', 5000, 'HTG', 'tok-link-1', $1)`,
      [OTHER_ORGANISATION_ID],
    );
    const verify = async (transactionId: string) => {
      const { paymentId } = await store.ingest({ provider: 'moncash', kind: 'alert', payload: {}, transactionId });
      const entity = await ds.getRepository('Payment').findOneByOrFail({ id: paymentId });
      const moved = await store.transition(entity as never, 'VERIFIED', { amountMinor: 5000, currency: 'HTG' }, 'test', { checkoutOrderId: 'ORD-LINK-1' });
      return { paymentId, moved };
    };
    const first = await verify('T-LINK-1');
    const second = await verify('T-LINK-2');
    expect(first.moved?.accountNumber).toBe('ACC-LINK-1');
    // Whose payment it is comes from the confirmed order, not from the alert.
    expect(first.moved?.organisationId).toBe(OTHER_ORGANISATION_ID);
    expect(second.moved?.state).toBe('VERIFIED');
    const [checkout] = await ds.query(`SELECT payment_id FROM checkouts WHERE order_id = 'ORD-LINK-1'`);
    expect(checkout.payment_id).toBe(first.paymentId);
  });

  it('makes a new payment the default organisation\'s until the provider confirms an order of ours, whatever order the alert names', async () => {
    await ds.query(
      `INSERT INTO checkouts (order_id, provider, reserved_payment_id, account_number, amount_minor, currency, payment_token, organisation_id)
       VALUES ('ORD-ORG-1', 'moncash', gen_random_uuid(), 'ACC-ORG-1', 5000, 'HTG', 'tok-org-1', $1)`,
      [OTHER_ORGANISATION_ID],
    );
    const { paymentId } = await store.ingest({ provider: 'moncash', kind: 'alert', payload: {}, transactionId: 'T-ORG-1', orderId: 'ORD-ORG-1' });
    const entity = await ds.getRepository('Payment').findOneByOrFail({ id: paymentId });
    expect(entity.organisationId).toBe(DEFAULT_ORGANISATION_ID);
    // MonCash confirms another order than the alert named, one that is not ours: the payment stays the default organisation's.
    const moved = await store.transition(entity as never, 'VERIFIED', { amountMinor: 5000, currency: 'HTG' }, 'test', { checkoutOrderId: 'NOT-OURS' });
    expect(moved?.organisationId).toBe(DEFAULT_ORGANISATION_ID);
  });

  it('writes steps passed through in the same statement, one history row each in order, and refuses a chain with an illegal step', async () => {
    const { paymentId } = await store.ingest({ provider: 'moncash', kind: 'alert', payload: {}, transactionId: 'T-PASS-1' });
    const entity = await ds.getRepository('Payment').findOneByOrFail({ id: paymentId });
    await expect(store.transition(entity as never, 'MATCHED', {}, 'skips verification')).rejects.toThrow('cannot go from RECEIVED to MATCHED');
    await expect(
      store.transition(entity as never, 'ALLOCATED', {}, 'two steps at once', { passedThrough: [{ state: 'VERIFIED', detail: 'v' }] }),
    ).rejects.toThrow('cannot go from VERIFIED to ALLOCATED');
    const moved = await store.transition(entity as never, 'MATCHED', { amountMinor: 700, currency: 'HTG' }, 'matched by phone', {
      passedThrough: [{ state: 'VERIFIED', detail: 'MonCash confirms 700' }],
    });
    expect(moved).toMatchObject({ state: 'MATCHED', amountMinor: 700 });
    const history = await ds.query(`SELECT state, detail FROM payment_events WHERE payment_id = $1 ORDER BY id`, [paymentId]);
    expect(history).toEqual([
      { state: 'RECEIVED', detail: 'moncash alert' },
      { state: 'VERIFIED', detail: 'MonCash confirms 700' },
      { state: 'MATCHED', detail: 'matched by phone' },
    ]);
  });

  it('takes the organisation and account of the order MonCash confirms in the merged verification and match, as checkoutOf reads them', async () => {
    await ds.query(
      `INSERT INTO checkouts (order_id, provider, reserved_payment_id, account_number, amount_minor, currency, payment_token, organisation_id)
       VALUES ('ORD-ORG-2', 'moncash', gen_random_uuid(), 'ACC-ORG-2', 5000, 'HTG', 'tok-org-2', $1)`,
      [OTHER_ORGANISATION_ID],
    );
    expect(await store.checkoutOf('moncash', 'ORD-ORG-2')).toEqual({ accountNumber: 'ACC-ORG-2', organisationId: OTHER_ORGANISATION_ID });
    expect(await store.checkoutOf('moncash', 'NOT-OURS')).toBeNull();
    const { paymentId } = await store.ingest({ provider: 'moncash', kind: 'alert', payload: {}, transactionId: 'T-ORG-2' });
    const entity = await ds.getRepository('Payment').findOneByOrFail({ id: paymentId });
    const moved = await store.transition(entity as never, 'MATCHED', { amountMinor: 5000, currency: 'HTG' }, 'matched by account', {
      checkoutOrderId: 'ORD-ORG-2',
      passedThrough: [{ state: 'VERIFIED', detail: 'MonCash confirms 5000' }],
    });
    expect(moved).toMatchObject({ state: 'MATCHED', organisationId: OTHER_ORGANISATION_ID, accountNumber: 'ACC-ORG-2' });
    const [checkout] = await ds.query(`SELECT payment_id FROM checkouts WHERE order_id = 'ORD-ORG-2'`);
    expect(checkout.payment_id).toBe(paymentId);
  });

  it("records an operator's retry in the audit log in the same statement, and nothing when the payment did not move", async () => {
    const { paymentId } = await store.ingest({ provider: 'moncash', kind: 'alert', payload: {}, transactionId: 'T-AUDIT' });
    await ds.query(`UPDATE payments SET state = 'UNMATCHED', reason = 'no match: nobody', lease_until = NULL WHERE id = $1`, [paymentId]);
    const retried = await http('POST', `${svc.url}/v1/payments/${paymentId}/retry`);
    expect(retried.status).toBe(200);
    const rows = await ds.query(`SELECT * FROM audit_log WHERE target_id = $1`, [paymentId]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'payment.retried', target_type: 'payment', organisation_id: DEFAULT_ORGANISATION_ID, before: { state: 'UNMATCHED', reason: 'no match: nobody' }, after: { state: 'VERIFIED' } });

    // A transition that loses the race (the payment is no longer in the state it was read in) writes no audit row.
    const lost = await store.transition({ id: paymentId, state: 'FAILED' } as Payment, 'ALLOCATED', {}, 'stale', {
      audit: { actor: undefined, action: 'payment.retried', target: { type: 'payment', id: paymentId } },
    });
    expect(lost).toBeNull();
    expect(await ds.query(`SELECT id FROM audit_log WHERE target_id = $1`, [paymentId])).toHaveLength(1);
  });

  it('reopens a REJECTED payment when the provider calls about it again', async () => {
    const r = await store.ingest({ provider: 'moncash', kind: 'alert', payload: {}, transactionId: 'T-MOVE' });
    expect(r).toMatchObject({ created: false, reopened: true, state: 'RECEIVED' });
  });
});
