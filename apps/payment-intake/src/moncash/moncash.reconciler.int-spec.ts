import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { DEFAULT_ORGANISATION_ID } from '@limye/platform';
import { eventually, InProcessService, startServiceInProcess } from '@limye/testing';
import { paymentIntakeService } from '../payment-intake.service-definition';

describe('MonCashReconciler (real Postgres + NATS)', () => {
  let svc: InProcessService;
  let ds: DataSource;
  const INTERVAL = 200;
  const TIMEOUT = 500;
  /** The reconciler's lease on an order being checked: 3 × MONCASH_TIMEOUT_MS. */
  const LEASE = 3 * TIMEOUT;

  beforeAll(async () => {
    // MonCash at a closed port: every check finds it unavailable, which counts as a check all the same.
    svc = await startServiceInProcess(paymentIntakeService, {
      MONCASH_BASE_URL: 'http://127.0.0.1:9/Api',
      MONCASH_RECONCILE_INTERVAL_MS: String(INTERVAL),
      MONCASH_TIMEOUT_MS: String(TIMEOUT),
      PAYMENT_WORKER_POLL_MS: '60000',
    });
    ds = svc.app.get(DataSource);
  });
  afterAll(async () => {
    await svc?.close();
  });

  async function order(over: { token?: string | null; paymentId?: string | null; ageHours?: number } = {}): Promise<string> {
    const orderId = `LT${randomUUID().slice(0, 8).toUpperCase()}`;
    await ds.query(
      `INSERT INTO checkouts (order_id, provider, reserved_payment_id, account_number, amount_minor, currency, payment_token, payment_id, created_at, organisation_id)
       VALUES ($1, 'moncash', $2, '1000017', 5000, 'HTG', $3, $4, now() - $5::int * interval '1 hour', $6)`,
      [orderId, randomUUID(), over.token === undefined ? 'tok' : over.token, over.paymentId ?? null, over.ageHours ?? 0, DEFAULT_ORGANISATION_ID],
    );
    return orderId;
  }
  const row = async (orderId: string) =>
    (await ds.query(`SELECT check_count, last_checked_at, next_check_at FROM checkouts WHERE order_id = $1`, [orderId]))[0];

  it('asks about an unpaid order less often after each check (the interval, doubling), and never about the others', async () => {
    const open = await order();
    const others = [await order({ token: null }), await order({ paymentId: randomUUID() }), await order({ ageHours: 25 })];
    // A check in progress holds its lease in next_check_at (3 × MONCASH_TIMEOUT_MS); wait for the check's own
    // schedule, or forcing the row due below would let a late first check overwrite the second one's.
    const scheduled = (checks: number) =>
      eventually(async () => {
        const r = await row(open);
        return r.check_count === checks && r.next_check_at.getTime() - r.last_checked_at.getTime() < LEASE ? r : null;
      }, 20000);
    const first = await scheduled(1);
    expect(first.next_check_at.getTime() - first.last_checked_at.getTime()).toBeGreaterThanOrEqual(2 * INTERVAL);
    await ds.query(`UPDATE checkouts SET next_check_at = now() WHERE order_id = $1`, [open]);
    const second = await scheduled(2);
    expect(second.next_check_at.getTime() - second.last_checked_at.getTime()).toBeGreaterThanOrEqual(4 * INTERVAL);
    expect(second.next_check_at.getTime() - second.last_checked_at.getTime()).toBeLessThan(64 * INTERVAL);
    for (const o of others) expect((await row(o)).check_count).toBe(0);
  });
});
