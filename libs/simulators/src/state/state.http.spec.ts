import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { SparkmeterStore } from '../sparkmeter/sparkmeter.store';
import { startSimulators } from '../testing/start-simulators';
import * as stateFile from './state-file';
import { SimulatorStateStore } from './state-store';

/**
 * SANDBOX_STATE_DIR: what one sandbox did is still there when another starts on the same folder (as after
 * `npm start` is stopped and started again); faults and behaviour settings are not; a file it cannot use
 * stops the start; and without the variable nothing is written.
 */
describe('sandbox state across restarts', () => {
  // Each test starts the sandbox (5,000 households generated) two or three times.
  jest.setTimeout(60_000);
  let dir: string;
  let app: INestApplication | undefined;
  let base: string;

  const KOIOS = { 'X-API-KEY': 'sandbox-key', 'X-API-SECRET': 'sandbox-secret' };
  const TC = { 'Authentication-Token': 'sandbox-token' };
  const OMIS = { 'X-API-Key': 'sandbox-omis-key' };

  async function call(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<{ status: number; body: any }> {
    const res = await fetch(base + path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  async function start(env: Record<string, string> = {}): Promise<void> {
    // Alerts go nowhere: nothing listens on port 9, and nothing of another engineer's stack gets them.
    ({ app, url: base } = await startSimulators({ env: { SANDBOX_STATE_DIR: dir, MONCASH_ALERT_URL: 'http://127.0.0.1:9/alert', ...env } }));
  }

  async function stop(): Promise<void> {
    await app?.close();
    app = undefined;
  }

  async function moncashToken(): Promise<string> {
    // Parameters in the query (Spring's token endpoint takes them there too), so no body to parse.
    const auth = `Basic ${Buffer.from('sandbox-client:sandbox-secret').toString('base64')}`;
    const r = await call('/Api/oauth/token?grant_type=client_credentials', { method: 'POST', headers: { authorization: auth } });
    expect(r.status).toBe(200);
    return r.body.access_token;
  }

  async function household(status: string): Promise<any> {
    const r = await call(`/sandbox/rwanda/households?status=${status}&limit=1`);
    expect(r.status).toBe(200);
    return r.body.households[0];
  }

  async function waitFor<T>(read: () => T | Promise<T>, done: (v: T) => boolean, ms = 5000): Promise<T> {
    const until = Date.now() + ms;
    for (;;) {
      const v = await read();
      if (done(v) || Date.now() > until) return v;
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'limye-sandbox-state-'));
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps SparkMeter customers and credits, MonCash orders and OMIS sales; faults and settings start afresh', async () => {
    await start();
    // SparkMeter: the README's demo customer, credited once on Koios; a ThunderCloud credit still pending.
    const created = await call('/sandbox/sparkmeter/customers', { body: { code: '0999DEM', name: 'Claudette Pierre', api: 'koios', creditMinor: 0 } });
    expect(created.status).toBe(201);
    const paid = await call('/api/v1/payments', { headers: KOIOS, body: { customer_code: '0999DEM', amount: '250.00', memo: 'MonCash 1', external_id: 'pay-1' } });
    expect(paid.status).toBe(200);
    expect((await call('/sandbox/sparkmeter/config', { method: 'PUT', body: { thundercloudSettleMs: 300 } })).status).toBe(200);
    const tc = await call('/api/v0/transaction', { headers: TC, body: { customer_id: '9d4e7b21-8c3a-4f6e-b5d0-2e1f3a4b5c01', amount: '40.50', external_id: 'tc-1' } });
    expect(tc.status).toBe(200);

    // MonCash: one order paid (its alert dropped, so the log has an entry), one not paid yet.
    expect((await call('/sandbox/moncash/config', { method: 'PUT', body: { dropAlerts: true } })).status).toBe(200);
    const token = await moncashToken();
    const bearer = { authorization: `Bearer ${token}` };
    expect((await call('/Api/v1/CreatePayment', { headers: bearer, body: { amount: 250, orderId: 'L-1' } })).status).toBe(202);
    const unpaid = await call('/Api/v1/CreatePayment', { headers: bearer, body: { amount: 75.5, orderId: 'L-2' } });
    expect(unpaid.status).toBe(202);
    const payment = await call('/sandbox/moncash/orders/L-1/pay', { body: { payer: '50937001234' } });
    expect(payment.status).toBe(201);

    // OMIS: a sale registered and confirmed on an eligible household; a seeded ongoing sale cancelled.
    const h = await household('eligible');
    const sale = {
      reference: '48213907',
      householdId: h.householdId,
      nationalId: h.headNationalId,
      companyCode: 'SOLARCO',
      productCode: 'SHS-50W',
      priceRwf: 115_000,
      incentiveRwf: 103_500,
      category: h.category,
      tier: 1,
      location: h.location,
      registeredAt: '2026-11-22T10:15:00Z',
    };
    expect((await call('/omis/v1/sales/48213907', { method: 'PUT', headers: OMIS, body: sale })).status).toBe(201);
    const confirmation = { householdId: h.householdId, confirmedAt: '2026-11-25T14:00:00Z' };
    expect((await call('/omis/v1/sales/48213907/confirmation', { headers: OMIS, body: confirmation })).status).toBe(200);
    const seeded = await household('ongoing_sale');
    const seededRef = seeded.omis.ongoingSale.reference;
    expect((await call(`/omis/v1/sales/${seededRef}/cancellation`, { headers: OMIS, body: { reason: 'reservation_expired' } })).status).toBe(200);

    // A fault: not kept.
    expect((await call('/sandbox/faults/koios', { method: 'PUT', body: { mode: 'error500' } })).status).toBe(200);

    await stop();
    await start();

    expect((await call('/sandbox/faults')).body).toEqual({ faults: [] });
    expect((await call('/sandbox/moncash/config')).body).toMatchObject({ dropAlerts: false });
    expect((await call('/sandbox/sparkmeter/config')).body).toEqual({ thundercloudSettleMs: 50, thundercloudOutcome: 'processed', thundercloudPendingPolls: 0 });

    // SparkMeter: same customer, same id, its credit; the Koios external_id is still taken (no second credit).
    expect((await call('/sandbox/sparkmeter/customers/0999DEM')).body).toEqual({ ...created.body, creditMinor: 25_000, payments: 1 });
    const again = await call('/api/v1/payments', { headers: KOIOS, body: { customer_code: '0999DEM', amount: '250.00', external_id: 'pay-1' } });
    expect(again.body.errors).toEqual([{ code: 'validation', title: 'external_id has already been taken' }]);
    expect((await call('/api/v1/payments?external_id=pay-1', { headers: KOIOS })).body.data).toEqual([paid.body.data]);
    const next = await call('/api/v1/payments', { headers: KOIOS, body: { customer_code: '0999DEM', amount: '100.00', external_id: 'pay-2' } });
    expect(next.status).toBe(200);
    expect((await call('/api/v1/customers?code=0999DEM', { headers: KOIOS })).body.data[0].balances.credit.value).toBe('350.00');
    // The ThunderCloud transaction settles after the restart as it would have before, crediting once.
    const settled = await waitFor(
      () => call(`/api/v0/transaction/${tc.body.transaction_id}`, { headers: TC }),
      (r) => r.body?.transaction?.status !== 'pending',
    );
    expect(settled.body.transaction).toMatchObject({ status: 'processed', amount: '40.50', external_id: 'tc-1' });
    expect((await call('/sandbox/sparkmeter/customers/0101JAC')).body).toMatchObject({ creditMinor: 4_050, payments: 1 });

    // MonCash: tokens are not kept (the caller renews after a 401); orders, payments and the alert log are.
    expect((await call('/Api/v1/RetrieveOrderPayment', { headers: bearer, body: { orderId: 'L-1' } })).status).toBe(401);
    const renewed = { authorization: `Bearer ${await moncashToken()}` };
    const retrieved = await call('/Api/v1/RetrieveOrderPayment', { headers: renewed, body: { orderId: 'L-1' } });
    expect(retrieved.body.payment).toEqual({ reference: 'L-1', transaction_id: payment.body.transactionId, cost: 250, message: 'successful', payer: '50937001234' });
    expect((await call('/sandbox/moncash/orders/L-1/pay', { body: {} })).status).toBe(409);
    expect((await call('/Api/v1/CreatePayment', { headers: renewed, body: { amount: 250, orderId: 'L-1' } })).status).toBe(409);
    const page = await fetch(`${base}/Moncash-middleware/Payment/Redirect?token=${encodeURIComponent(unpaid.body.payment_token.token)}`);
    expect(page.status).toBe(200);
    expect((await call('/sandbox/moncash/orders/L-2/pay', { body: {} })).status).toBe(201);
    expect((await call('/sandbox/moncash/transactions')).body.transactions.map((t: { orderId: string }) => t.orderId).sort()).toEqual(['L-1', 'L-2']);
    expect((await call('/sandbox/moncash/alerts')).body.alerts[0]).toMatchObject({ transactionId: payment.body.transactionId, outcome: 'dropped' });

    // OMIS: the sale installed, its request counts, the household subsidised; the cancelled seeded sale freed its household.
    expect((await call('/sandbox/omis/sales/48213907')).body).toEqual({
      sale: expect.objectContaining({ status: 'installed', confirmedAt: '2026-11-25T14:00:00Z', vouchersUsed: h.memberCount }),
      requests: { put: 1, confirmation: 1, cancellation: 0 },
    });
    const status = await call(`/omis/v1/households/status?nationalId=${h.headNationalId}`, { headers: OMIS });
    expect(status.body).toMatchObject({ householdId: h.householdId, subsidised: true, installedAt: '2026-11-25T14:00:00Z', ongoingSale: null });
    expect((await call(`/sandbox/omis/sales/${seededRef}`)).body.sale).toMatchObject({ status: 'cancelled', cancelReason: 'reservation_expired' });
    const freed = await call(`/omis/v1/households/status?nationalId=${seeded.headNationalId}`, { headers: OMIS });
    expect(freed.body).toMatchObject({ subsidised: false, ongoingSale: null });
    // The households themselves are generated from the seed again, the same ones.
    expect((await call(`/meis/v1/persons/${h.headNationalId}`, { headers: { 'X-API-Key': 'sandbox-meis-key' } })).body.householdId).toBe(h.householdId);

    // A reset is saved too: the next start is back to the start state.
    expect((await call('/sandbox/reset', { method: 'POST' })).status).toBe(204);
    await stop();
    await start();
    expect((await call('/sandbox/sparkmeter/customers/0999DEM')).status).toBe(404);
    expect((await call('/sandbox/moncash/transactions')).body).toEqual({ transactions: [] });
    expect((await call('/sandbox/omis/sales/48213907')).body).toEqual({ sale: null, requests: { put: 0, confirmation: 0, cancellation: 0 } });
  });

  it('saves soon after a change without waiting for shutdown, once for a burst of changes', async () => {
    const saves = jest.spyOn(SparkmeterStore.prototype, 'saveState');
    await start();
    const store = app!.get(SparkmeterStore);
    for (let i = 0; i < 1000; i++) store.upsertCustomer({ code: `B${i}`, api: 'koios', creditMinor: i });
    const file = join(dir, 'sparkmeter.json');
    const saved = await waitFor(
      () => (existsSync(file) ? readFileSync(file, 'utf8') : ''),
      (text) => text.includes('"B999"'),
    );
    expect(JSON.parse(saved).state.customers).toHaveLength(4 + 1000);
    expect(saves.mock.contexts.filter((c) => c === store)).toHaveLength(1);
    // Only the simulator that changed was written, and no temporary file is left behind.
    expect(readdirSync(dir)).toEqual(['sparkmeter.json']);
  });

  it('does not start on a state file it cannot use, and names the file', async () => {
    const file = join(dir, 'sparkmeter.json');
    writeFileSync(file, '{"format":"limye-sandbox-state","version":1,"name":"sparkme');
    await expect(start()).rejects.toThrow(`sandbox state file ${file} is not valid JSON`);

    writeFileSync(file, JSON.stringify({ format: 'limye-sandbox-state', version: 1, name: 'sparkmeter', savedAt: '', state: { customers: 'x' } }));
    await expect(start()).rejects.toThrow(`sandbox state file ${file} cannot be loaded: customers is not a list`);

    writeFileSync(file, JSON.stringify({ hello: 'world' }));
    await expect(start()).rejects.toThrow(/sparkmeter\.json is not the sandbox's saved "sparkmeter" state\. Fix it, or delete it/);
  });

  it('does not replay OMIS sales over another population', async () => {
    await start({ SANDBOX_RWANDA_SEED: '1', SANDBOX_RWANDA_HOUSEHOLDS: '200' });
    await call('/omis/v1/sales/11112222/cancellation', { headers: OMIS, body: { reason: 'x' } }); // counted: a change
    await stop();
    expect(existsSync(join(dir, 'rwanda.json'))).toBe(true);
    await expect(start({ SANDBOX_RWANDA_HOUSEHOLDS: '200' })).rejects.toThrow(
      /rwanda\.json cannot be loaded: its OMIS sales were made over another Rwanda population \(SANDBOX_RWANDA_SEED=1, SANDBOX_RWANDA_HOUSEHOLDS=200; this start: SANDBOX_RWANDA_SEED=20261122/,
    );
  });

  it('writes and reads nothing without SANDBOX_STATE_DIR', async () => {
    const writes = jest.spyOn(stateFile, 'writeStateFile');
    const reads = jest.spyOn(stateFile, 'readStateFile');
    await start({ SANDBOX_STATE_DIR: '' });
    expect(app!.get(SimulatorStateStore).dir).toBeNull();
    expect((await call('/sandbox/sparkmeter/customers', { body: { code: '0999DEM', api: 'koios' } })).status).toBe(201);
    expect((await call('/api/v1/payments', { headers: KOIOS, body: { customer_code: '0999DEM', amount: '1.00' } })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 700));
    await stop();
    expect(writes).not.toHaveBeenCalled();
    expect(reads).not.toHaveBeenCalled();
    expect(readdirSync(dir)).toEqual([]);
  });
});
