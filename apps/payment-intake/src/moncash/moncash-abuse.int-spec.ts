import { DataSource } from 'typeorm';
import { RunningSimulators, startSimulators } from '@limye/simulators/testing';
import { eventually, http, InProcessService, startServiceInProcess } from '@limye/testing';
import { paymentIntakeService } from '../payment-intake.service-definition';

/**
 * Forged MonCash alerts against a real MonCash simulator over HTTP: each invented transaction id costs MonCash one
 * RetrieveTransactionPayment, a rejected id sent again costs nothing, verifications in flight are bounded, and one
 * payment named too often is answered 429.
 */
describe('MonCash callbacks under abuse (real Postgres + NATS + MonCash simulator)', () => {
  let sim: RunningSimulators;
  let svc: InProcessService;
  let ds: DataSource;
  const CONCURRENCY = 3;
  let seq = 0;
  /** Ids MonCash has never seen (the simulator answers 404). */
  const forgedId = () => `99${Date.now().toString().slice(-8)}${String(++seq).padStart(4, '0')}`;

  beforeAll(async () => {
    sim = await startSimulators({ only: ['moncash'] });
    svc = await startServiceInProcess(paymentIntakeService, {
      MONCASH_BASE_URL: `${sim.url}/Api`,
      MONCASH_CLIENT_ID: sim.env.MONCASH_CLIENT_ID,
      MONCASH_CLIENT_SECRET: sim.env.MONCASH_CLIENT_SECRET,
      MONCASH_VERIFY_CONCURRENCY: String(CONCURRENCY),
      MONCASH_RECONCILE_INTERVAL_MS: '3600000',
      MONCASH_CALLBACK_RATE_LIMIT_PER_ADDRESS: 'off',
      MONCASH_CALLBACK_RATE_LIMIT_PER_PAYMENT: '1/min burst 3',
      PAYMENT_RETRY_BASE_MS: '200',
    });
    ds = svc.app.get(DataSource);
  });
  afterAll(async () => {
    await svc?.close();
    await sim?.close();
  });

  const alert = (transactionId: string) => http('POST', `${svc.url}/v1/providers/moncash/alert`, { transactionId });
  const stateOf = async (transactionId: string) => (await ds.query(`SELECT state, reason FROM payments WHERE provider_ref = $1`, [transactionId]))[0];
  const rejected = (ids: string[]) =>
    eventually(async () => (await ds.query(`SELECT count(*)::int AS n FROM payments WHERE provider_ref = ANY($1) AND state = 'REJECTED'`, [ids]))[0].n === ids.length, 30000);
  /** RetrieveTransactionPayment calls that reached the simulator, by the transaction id asked about. */
  const queriesFor = async (ids: string[]) => {
    const wanted = new Set(ids);
    const counts = new Map(ids.map((id) => [id, 0]));
    for (const r of await sim.requests.list({ target: 'moncash' })) {
      const id = (r.body as { transactionId?: string } | undefined)?.transactionId;
      if (r.path.includes('RetrieveTransactionPayment') && id && wanted.has(id)) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return [...counts.values()];
  };

  it('rejects each invented transaction id after one query to MonCash', async () => {
    const ids = Array.from({ length: 30 }, forgedId);
    const answers = await Promise.all(ids.map(alert));
    expect(answers.map((a) => a.status)).toEqual(Array(30).fill(200));
    await rejected(ids);
    expect(await queriesFor(ids)).toEqual(Array(30).fill(1));
    expect((await stateOf(ids[0])).reason).toMatch(/MonCash does not know this transaction/);
  });

  it('answers a REJECTED id sent again without asking MonCash or reopening it; an operator retry verifies it once more', async () => {
    const id = forgedId();
    await alert(id);
    await rejected([id]);
    for (let i = 0; i < 2; i++) {
      const again = await alert(id);
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ state: 'REJECTED' });
    }
    expect((await stateOf(id)).state).toBe('REJECTED');
    const outcomes = await ds.query(`SELECT outcome FROM provider_callbacks WHERE transaction_id = $1 ORDER BY id`, [id]);
    expect(outcomes.map((o: { outcome: string }) => o.outcome)).toEqual(['created', 'rejected_recently', 'rejected_recently']);
    // Give a stray reopen every chance to show before counting.
    await new Promise((r) => setTimeout(r, 500));
    expect(await queriesFor([id])).toEqual([1]);

    const [{ id: paymentId }] = await ds.query(`SELECT id FROM payments WHERE provider_ref = $1`, [id]);
    const retried = await http('POST', `${svc.url}/v1/payments/${paymentId}/retry`);
    expect(retried.status).toBe(200);
    await eventually(async () => (await queriesFor([id]))[0] === 2, 20000);
    await rejected([id]);
    const audit = await ds.query(`SELECT before, after FROM audit_log WHERE target_id = $1 AND action = 'payment.retried'`, [paymentId]);
    expect(audit).toEqual([expect.objectContaining({ before: expect.objectContaining({ state: 'REJECTED' }), after: expect.objectContaining({ state: 'RECEIVED' }) })]);
  });

  it('keeps at most MONCASH_VERIFY_CONCURRENCY verifications in flight; the others wait their turn and none is dropped', async () => {
    await sim.faults.set('moncash', { mode: 'slow', delayMs: 300 });
    try {
      const ids = Array.from({ length: 15 }, forgedId);
      const after = await sim.requests.latestSeq();
      let maxInFlight = 0;
      let watching = true;
      const watch = (async () => {
        while (watching) {
          const open = (await sim.requests.list({ target: 'moncash', after })).filter((r) => r.path.includes('RetrieveTransactionPayment') && r.status === 0);
          maxInFlight = Math.max(maxInFlight, open.length);
          await new Promise((r) => setTimeout(r, 25));
        }
      })();
      await Promise.all(ids.map(alert));
      await rejected(ids);
      watching = false;
      await watch;
      expect(maxInFlight).toBeGreaterThan(0);
      expect(maxInFlight).toBeLessThanOrEqual(CONCURRENCY);
      expect(await queriesFor(ids)).toEqual(Array(15).fill(1));
    } finally {
      await sim.faults.clear('moncash');
    }
  });

  it('answers one payment named too often with 429, Retry-After and the JSON error body, and others still pass', async () => {
    const id = forgedId();
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await alert(id));
    expect(answers.slice(0, 3).map((a) => a.status)).toEqual([200, 200, 200]);
    const refused = answers[3];
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    expect(refused.body.message).toMatch(/too many requests/);
    expect((await alert(forgedId())).status).toBe(200);
  });

  it('does not ask MonCash about an order id it never created', async () => {
    const after = await sim.requests.latestSeq();
    const r = await http('POST', `${svc.url}/v1/providers/moncash/alert`, { orderId: 'LFORGED0001' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ paymentId: null, state: 'AWAITING_PAYMENT' });
    expect((await sim.requests.list({ target: 'moncash', after })).filter((q) => q.path.includes('RetrieveOrderPayment'))).toEqual([]);
    const [{ outcome }] = await ds.query(`SELECT outcome FROM provider_callbacks WHERE order_id = 'LFORGED0001'`);
    expect(outcome).toBe('unknown_order');
  });
});
