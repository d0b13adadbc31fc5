import { DataSource } from 'typeorm';
import { pendingSchemaChanges, startServiceInProcess, InProcessService } from '@limye/testing';
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

  it('reopens a REJECTED payment when the provider calls about it again', async () => {
    const r = await store.ingest({ provider: 'moncash', kind: 'alert', payload: {}, transactionId: 'T-MOVE' });
    expect(r).toMatchObject({ created: false, reopened: true, state: 'RECEIVED' });
  });
});
