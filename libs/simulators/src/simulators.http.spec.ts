import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { createServer, IncomingMessage, Server } from 'http';
import type { AddressInfo } from 'net';
import { startSimulators } from './testing/start-simulators';

/**
 * The simulators in-process on a loopback port, driven over real HTTP the way Limye's services will drive
 * them. A tiny HTTP server stands in for payment-intake's alert endpoint.
 */
describe('simulators over HTTP', () => {
  let app: INestApplication;
  let base: string;
  let receiver: Server;
  let receiverUrl: string;
  const alerts: { contentType: string; body: string }[] = [];

  const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
  const json = (method: string, body?: unknown, headers: Record<string, string> = {}): RequestInit => ({
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const koiosHeaders = { 'X-API-KEY': 'sandbox-key', 'X-API-SECRET': 'sandbox-secret' };
  const tcHeaders = { 'Authentication-Token': 'sandbox-token' };

  async function call(path: string, init?: RequestInit): Promise<{ status: number; body: any }> {
    const res = await fetch(base + path, init);
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  async function moncashToken(): Promise<string> {
    const res = await call('/Api/oauth/token', {
      method: 'POST',
      headers: { authorization: basic('sandbox-client', 'sandbox-secret'), 'content-type': 'application/x-www-form-urlencoded' },
      body: 'scope=read,write&grant_type=client_credentials',
    });
    expect(res.status).toBe(200);
    return res.body.access_token;
  }

  async function waitFor<T>(read: () => T | Promise<T>, done: (v: T) => boolean, ms = 3000): Promise<T> {
    const until = Date.now() + ms;
    for (;;) {
      const v = await read();
      if (done(v) || Date.now() > until) return v;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  beforeAll(async () => {
    receiver = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        alerts.push({ contentType: String(req.headers['content-type']), body });
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/v1/providers/moncash/alert`;

    ({ app, url: base } = await startSimulators());
  });

  afterAll(async () => {
    await app?.close();
    await new Promise((r) => receiver?.close(r));
  });

  beforeEach(async () => {
    expect((await call('/sandbox/reset', { method: 'POST' })).status).toBe(204);
    expect((await call('/sandbox/moncash/config', json('PUT', { alertUrl: receiverUrl }))).status).toBe(200);
    alerts.length = 0;
  });

  describe('MonCash', () => {
    it('token → CreatePayment → customer pays → Retrieve* say successful with the right cost, and the alert arrives', async () => {
      const tokenRes = await call('/Api/oauth/token', {
        method: 'POST',
        headers: { authorization: basic('sandbox-client', 'sandbox-secret'), 'content-type': 'application/x-www-form-urlencoded' },
        body: 'scope=read,write&grant_type=client_credentials',
      });
      expect(tokenRes.status).toBe(200);
      expect(tokenRes.body).toMatchObject({ token_type: 'bearer', expires_in: 59, scope: 'read,write' });
      expect(typeof tokenRes.body.jti).toBe('string');
      const bearer = { authorization: `Bearer ${tokenRes.body.access_token}` };

      const created = await call('/Api/v1/CreatePayment', json('POST', { amount: 250.5, orderId: 'INV-1001' }, bearer));
      expect(created.status).toBe(202);
      expect(created.body).toMatchObject({ path: '/v1/CreatePayment', status: 202, mode: 'sandbox' });
      expect(created.body.payment_token.created).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}:\d{3}$/);
      expect(created.body.payment_token.expired).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}:\d{3}$/);
      expect(created.body.payment_token.token.length).toBeGreaterThan(20);

      const dup = await call('/Api/v1/CreatePayment', json('POST', { amount: 250.5, orderId: 'INV-1001' }, bearer));
      expect(dup.status).toBe(409);
      expect(dup.body).toMatchObject({ path: '/v1/CreatePayment', error: 'Conflict', status: 409 });

      const notYet = await call('/Api/v1/RetrieveOrderPayment', json('POST', { orderId: 'INV-1001' }, bearer));
      expect(notYet.status).toBe(404);
      expect(notYet.body).toMatchObject({ path: '/v1/RetrieveOrderPayment', error: 'Not Found', status: 404 });

      const paid = await call('/sandbox/moncash/orders/INV-1001/pay', json('POST', { payer: '50937001234' }));
      expect(paid.status).toBe(201);
      expect(paid.body).toEqual({ transactionId: expect.stringMatching(/^\d{8,}$/), orderId: 'INV-1001', cost: 250.5, payer: '50937001234' });
      const { transactionId } = paid.body;

      const byOrder = await call('/Api/v1/RetrieveOrderPayment', json('POST', { orderId: 'INV-1001' }, bearer));
      expect(byOrder.status).toBe(200);
      expect(byOrder.body).toMatchObject({
        path: '/v1/RetrieveOrderPayment',
        payment: { reference: 'INV-1001', transaction_id: transactionId, cost: 250.5, message: 'successful', payer: '50937001234' },
        status: 200,
      });
      const byTx = await call('/Api/v1/RetrieveTransactionPayment', json('POST', { transactionId }, bearer));
      expect(byTx.status).toBe(200);
      expect(byTx.body.payment).toEqual(byOrder.body.payment);
      expect(byTx.body.path).toBe('/v1/RetrieveTransactionPayment');

      await waitFor(() => alerts.length, (n) => n >= 1);
      expect(alerts).toEqual([{ contentType: 'application/json', body: JSON.stringify({ transactionId, orderId: 'INV-1001' }) }]);

      expect((await call('/sandbox/moncash/orders/INV-1001/pay', json('POST', {}))).status).toBe(409);
      expect((await call('/sandbox/moncash/orders/NOPE/pay', json('POST', {}))).status).toBe(404);
    });

    it('rejects bad credentials, unknown and expired bearer tokens, and bad amounts', async () => {
      const bad = await call('/Api/oauth/token', {
        method: 'POST',
        headers: { authorization: basic('sandbox-client', 'wrong'), 'content-type': 'application/x-www-form-urlencoded' },
        body: 'scope=read,write&grant_type=client_credentials',
      });
      expect(bad).toEqual({ status: 401, body: { error: 'unauthorized', error_description: 'Bad credentials' } });

      const unknown = await call('/Api/v1/CreatePayment', json('POST', { amount: 10, orderId: 'X' }, { authorization: 'Bearer nope' }));
      expect(unknown.status).toBe(401);
      expect(unknown.body).toMatchObject({ path: '/v1/CreatePayment', error: 'Unauthorized', status: 401 });

      const bearer = { authorization: `Bearer ${await moncashToken()}` };
      for (const amount of [0, -1, 1.234, 'abc']) {
        const r = await call('/Api/v1/CreatePayment', json('POST', { amount, orderId: `A-${String(amount)}` }, bearer));
        expect(r.status).toBe(400);
        expect(r.body).toMatchObject({ error: 'Bad Request', status: 400 });
      }

      await call('/sandbox/moncash/config', json('PUT', { tokenTtlSeconds: 1 }));
      const short = await moncashToken();
      expect((await call('/Api/v1/CreatePayment', json('POST', { amount: 10, orderId: 'T-1' }, { authorization: `Bearer ${short}` }))).status).toBe(202);
      await new Promise((r) => setTimeout(r, 1_100));
      const expired = await call('/Api/v1/CreatePayment', json('POST', { amount: 10, orderId: 'T-2' }, { authorization: `Bearer ${short}` }));
      expect(expired.status).toBe(401);
      expect(expired.body).toMatchObject({ error: 'Unauthorized', message: 'Access token expired', status: 401 });
    });

    it('checkout page pays the order and redirects the browser to the Return URL with the transaction id', async () => {
      const bearer = { authorization: `Bearer ${await moncashToken()}` };
      const created = await call('/Api/v1/CreatePayment', json('POST', { amount: 100, orderId: 'WEB-1' }, bearer));
      const token = created.body.payment_token.token as string;
      const pagePath = `/Moncash-middleware/Payment/Redirect?token=${encodeURIComponent(token)}`;

      const page = await fetch(base + pagePath);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('WEB-1');
      expect(html).toContain('100.00 HTG');

      const pay = await fetch(base + pagePath, { method: 'POST', body: new URLSearchParams({ payer: '50938889999' }), redirect: 'manual' });
      expect(pay.status).toBe(302);
      const location = new URL(pay.headers.get('location')!);
      expect(location.origin + location.pathname).toBe('http://127.0.0.1:3001/v1/providers/moncash/return');
      const transactionId = location.searchParams.get('transactionId')!;
      expect(transactionId).toMatch(/^\d{8,}$/);

      const byTx = await call('/Api/v1/RetrieveTransactionPayment', json('POST', { transactionId }, bearer));
      expect(byTx.body.payment).toEqual({ reference: 'WEB-1', transaction_id: transactionId, cost: 100, message: 'successful', payer: '50938889999' });
      expect((await fetch(base + pagePath)).status).toBe(409);
    });

    it('direct payment: empty reference, alert with only transactionId, sent as forms in duplicate', async () => {
      await call('/sandbox/moncash/config', json('PUT', { alertFormat: 'form', duplicateAlerts: 2 }));
      const direct = await call('/sandbox/moncash/direct-payments', json('POST', { payer: '50937005555', amount: '75.25' }));
      expect(direct.status).toBe(201);
      expect(direct.body).toEqual({ transactionId: expect.stringMatching(/^\d{8,}$/), cost: 75.25, payer: '50937005555' });

      const bearer = { authorization: `Bearer ${await moncashToken()}` };
      const byTx = await call('/Api/v1/RetrieveTransactionPayment', json('POST', { transactionId: direct.body.transactionId }, bearer));
      expect(byTx.body.payment).toMatchObject({ reference: '', cost: 75.25, payer: '50937005555' });

      await waitFor(() => alerts.length, (n) => n >= 2);
      expect(alerts).toEqual([
        { contentType: 'application/x-www-form-urlencoded', body: `transactionId=${direct.body.transactionId}` },
        { contentType: 'application/x-www-form-urlencoded', body: `transactionId=${direct.body.transactionId}` },
      ]);
      const log = await call('/sandbox/moncash/alerts');
      expect(log.body.alerts.map((a: { outcome: string; status: number }) => [a.outcome, a.status])).toEqual([
        ['delivered', 200],
        ['delivered', 200],
      ]);
    });

    it('records what the Alert URL answered without following a redirect, and a send that failed', async () => {
      const redirecting = createServer((_req, res) => res.writeHead(302, { location: receiverUrl }).end());
      await new Promise<void>((r) => redirecting.listen(0, '127.0.0.1', r));
      try {
        const port = (redirecting.address() as AddressInfo).port;
        await call('/sandbox/moncash/config', json('PUT', { alertUrl: `http://127.0.0.1:${port}/alert` }));
        await call('/sandbox/moncash/direct-payments', json('POST', { payer: '50937005555', amount: 10 }));
        const redirected = await waitFor(async () => (await call('/sandbox/moncash/alerts')).body.alerts, (a: unknown[]) => a.length >= 1);
        expect(redirected[0]).toMatchObject({ outcome: 'delivered', status: 302 });
        expect(alerts).toEqual([]);
      } finally {
        await new Promise((r) => redirecting.close(r));
      }
      await call('/sandbox/reset', { method: 'POST' });
      await call('/sandbox/moncash/config', json('PUT', { alertUrl: 'http://127.0.0.1:1/alert' }));
      await call('/sandbox/moncash/direct-payments', json('POST', { payer: '50937005555', amount: 10 }));
      const failed = await waitFor(async () => (await call('/sandbox/moncash/alerts')).body.alerts, (a: unknown[]) => a.length >= 1);
      expect(failed[0]).toMatchObject({ outcome: 'failed', error: expect.stringContaining('ECONNREFUSED') });
    });

    it('drops alerts when asked', async () => {
      await call('/sandbox/moncash/config', json('PUT', { dropAlerts: true }));
      await call('/sandbox/moncash/direct-payments', json('POST', { payer: '50937005555', amount: 10 }));
      await new Promise((r) => setTimeout(r, 100));
      expect(alerts).toEqual([]);
      expect((await call('/sandbox/moncash/alerts')).body.alerts[0]).toMatchObject({ outcome: 'dropped' });
    });
  });

  // The payment's hot calls are fast routes (moncash.fast-routes.ts, koios.fast-routes.ts); a query string sends the
  // same request through the Nest controller, so each answer can be compared with the controller's.
  describe('fast routes answer as their controllers do', () => {
    const withoutTimestamp = (b: any) => (b && typeof b === 'object' ? { ...b, timestamp: undefined } : b);
    async function both(path: string, init: RequestInit): Promise<[{ status: number; body: any }, { status: number; body: any }]> {
      return [await call(path, init), await call(`${path}?via=controller`, init)];
    }

    it('paying an order: the payer rules of PayOrderDto, unknown and paid orders', async () => {
      for (const [body, status] of [[{ payer: '123' }, 400], [{ payer: 50937001234 }, 400], [{ payer: '50937001234', extra: 1 }, 400], [[], 400], [{ payer: null }, 404]] as Array<[unknown, number]>) {
        const [fast, controller] = await both('/sandbox/moncash/orders/NO-SUCH/pay', json('POST', body));
        expect(fast.status).toBe(status);
        expect(fast).toEqual(controller);
      }
      const [unknown, unknownByController] = await both('/sandbox/moncash/orders/NO-SUCH/pay', json('POST', { payer: '50937001234' }));
      expect(unknown.status).toBe(404);
      expect(unknown).toEqual(unknownByController);
      const token = await moncashToken();
      await call('/Api/v1/CreatePayment', json('POST', { amount: 12, orderId: 'FAST-1' }, { authorization: `Bearer ${token}` }));
      const paid = await call('/sandbox/moncash/orders/FAST-1/pay', json('POST', {}));
      expect(paid).toEqual({ status: 201, body: { transactionId: expect.any(String), orderId: 'FAST-1', cost: 12, payer: '50937000000' } });
      const [again, againByController] = await both('/sandbox/moncash/orders/FAST-1/pay', json('POST', {}));
      expect(again.status).toBe(409);
      expect(again).toEqual(againByController);
    });

    it('RetrieveTransactionPayment: no or a bad bearer token, no transactionId, an unknown one', async () => {
      const bearer = { authorization: `Bearer ${await moncashToken()}` };
      for (const [body, headers, status] of [
        [{ transactionId: '1' }, {}, 401],
        [{ transactionId: '1' }, { authorization: 'Bearer nope' }, 401],
        [{}, bearer, 400],
        [{ transactionId: '999999999' }, bearer, 404],
      ] as Array<[unknown, Record<string, string>, number]>) {
        const [fast, controller] = await both('/Api/v1/RetrieveTransactionPayment', json('POST', body, headers));
        expect(fast.status).toBe(status);
        expect({ ...fast, body: withoutTimestamp(fast.body) }).toEqual({ ...controller, body: withoutTimestamp(controller.body) });
      }
    });

    it('a Koios credit: bad credentials, bad input, an unknown customer; recorded in the request log with its status', async () => {
      for (const [body, headers, status] of [
        [{ customer_code: 'X', amount: 1 }, { 'X-API-KEY': 'wrong', 'X-API-SECRET': 'sandbox-secret' }, 401],
        [{ amount: 1 }, koiosHeaders, 400],
        [{ customer_code: 'NOBODY-HERE', amount: '1', external_id: 'fast-e1' }, koiosHeaders, 404],
      ] as Array<[unknown, Record<string, string>, number]>) {
        const [fast, controller] = await both('/api/v1/payments', json('POST', body, headers));
        expect(fast.status).toBe(status);
        expect(fast).toEqual(controller);
      }
      const logged = await call('/sandbox/requests?target=koios', { method: 'GET' });
      const mine = (logged.body.requests as Array<{ path: string; status: number; externalId: string | null }>).filter((r) => r.externalId === 'fast-e1');
      expect(mine.map((r) => [r.path, r.status])).toEqual([
        ['/api/v1/payments', 404],
        ['/api/v1/payments?via=controller', 404],
      ]);
    });
  });

  describe('SparkMeter Koios v1', () => {
    const payment = { customer_code: '0252SHG', amount: '25.00', memo: 'MonCash 123', external_id: 'pay-1' };

    it('credits once for a repeated external_id', async () => {
      const first = await call('/api/v1/payments', json('POST', payment, koiosHeaders));
      expect(first.status).toBe(200);
      expect(first.body).toEqual({
        errors: [],
        data: {
          id: expect.any(String),
          recipient_id: '6f1c2a4e-3b7d-4c58-9e21-0a5b8c7d1e01',
          amount: { value: '25.00', currency: 'HTG' },
          memo: 'MonCash 123',
          external_id: 'pay-1',
          status: 'processed',
        },
      });
      const again = await call('/api/v1/payments', json('POST', payment, koiosHeaders));
      expect(again).toEqual({ status: 400, body: { errors: [{ code: 'validation', title: 'external_id has already been taken' }], data: null } });

      const found = await call('/api/v1/payments?external_id=pay-1', { headers: koiosHeaders });
      expect(found.body.data).toHaveLength(1);
      expect(found.body.data[0].id).toBe(first.body.data.id);

      const customer = await call('/api/v1/customers?code=0252SHG', { headers: koiosHeaders });
      expect(customer.body.data[0].balances.credit).toEqual({ value: '25.00', currency: 'HTG' });
      expect(await call('/sandbox/sparkmeter/customers/0252SHG')).toMatchObject({ status: 200, body: { code: '0252SHG', api: 'koios', creditMinor: 2_500, payments: 1 } });
    });

    it('answers 401, 404 and 400 the way Koios does', async () => {
      expect(await call('/api/v1/payments', json('POST', payment, { 'X-API-KEY': 'sandbox-key', 'X-API-SECRET': 'nope' }))).toEqual({
        status: 401,
        body: { detail: 'Invalid credentials' },
      });
      expect(await call('/api/v1/payments', json('POST', { ...payment, customer_code: 'NOPE' }, koiosHeaders))).toEqual({
        status: 404,
        body: { errors: [{ code: 'not_found', title: 'customer not found' }], data: null },
      });
      const badAmount = await call('/api/v1/payments', json('POST', { ...payment, amount: '1.234' }, koiosHeaders));
      expect(badAmount.status).toBe(400);
      expect(badAmount.body.errors[0].code).toBe('validation');
    });

    it('error500_after_apply: credit applied, 500 answered, the retry does not credit again', async () => {
      await call('/sandbox/faults/koios', json('PUT', { mode: 'error500_after_apply', count: 1 }));
      const first = await call('/api/v1/payments', json('POST', payment, koiosHeaders));
      expect(first).toEqual({ status: 500, body: { errors: [{ code: 'internal', title: 'Internal server error' }], data: null } });
      const retry = await call('/api/v1/payments', json('POST', payment, koiosHeaders));
      expect(retry.status).toBe(400);
      expect((await call('/sandbox/sparkmeter/customers/0252SHG')).body).toMatchObject({ creditMinor: 2_500, payments: 1 });
    });
  });

  describe('SparkMeter control API', () => {
    it('lists Koios payments, and records one made outside Limye that the vendor then holds', async () => {
      const outside = await call('/sandbox/sparkmeter/koios/payments', json('POST', { customerCode: '0253SHG', amountMinor: 2_500, externalId: 'outside-1', memo: 'office' }));
      expect(outside).toEqual({
        status: 201,
        body: { id: expect.any(String), customerCode: '0253SHG', customerId: '6f1c2a4e-3b7d-4c58-9e21-0a5b8c7d1e02', amountMinor: 2_500, memo: 'office', externalId: 'outside-1', status: 'processed', createdAt: expect.any(String) },
      });
      const viaApi = await call('/api/v1/payments', json('POST', { customer_code: '0253SHG', amount: '25.00', external_id: 'outside-1' }, koiosHeaders));
      expect(viaApi.body.errors[0].title).toBe('external_id has already been taken');
      expect((await call('/sandbox/sparkmeter/customers/0253SHG')).body).toMatchObject({ creditMinor: 12_550 + 2_500, payments: 1 });
      expect((await call('/sandbox/sparkmeter/koios/payments?externalId=outside-1')).body).toEqual({ payments: [outside.body] });
      expect((await call('/sandbox/sparkmeter/koios/payments?externalId=nope')).body).toEqual({ payments: [] });
      expect((await call('/sandbox/sparkmeter/koios/payments')).body.payments).toHaveLength(1);
      expect((await call('/sandbox/sparkmeter/koios/payments', json('POST', { customerCode: '0253SHG', amountMinor: 1, externalId: 'outside-1' }))).status).toBe(409);
      expect((await call('/sandbox/sparkmeter/koios/payments', json('POST', { customerCode: 'NOPE', amountMinor: 1 }))).status).toBe(404);
      expect((await call('/sandbox/sparkmeter/koios/payments', json('POST', { customerCode: '0253SHG', amountMinor: 0 }))).body.code).toBe('VALIDATION_FAILED');
    });

    it('thundercloudPendingPolls: a transaction answers that many polls pending, then its outcome', async () => {
      expect((await call('/sandbox/sparkmeter/config', json('PUT', { thundercloudPendingPolls: 2, thundercloudSettleMs: 0 }))).body).toMatchObject({ thundercloudPendingPolls: 2 });
      const customerId = '9d4e7b21-8c3a-4f6e-b5d0-2e1f3a4b5c01';
      const created = await call('/api/v0/transaction', json('POST', { customer_id: customerId, amount: '5.00', external_id: 'polls-1' }, tcHeaders));
      const poll = async () => (await call(`/api/v0/transaction/${created.body.transaction_id}`, { headers: tcHeaders })).body.transaction.status;
      expect((await call('/sandbox/sparkmeter/thundercloud/transactions?externalId=polls-1')).body.transactions[0].status).toBe('pending');
      expect([await poll(), await poll(), await poll(), await poll()]).toEqual(['pending', 'pending', 'processed', 'processed']);
      expect((await call('/sandbox/sparkmeter/customers/0101JAC')).body).toMatchObject({ creditMinor: 500, payments: 1 });
      expect((await call('/sandbox/sparkmeter/config', json('PUT', { thundercloudPendingPolls: 101 }))).status).toBe(400);
    });
  });

  describe('SparkMeter ThunderCloud v0', () => {
    it('goes pending → processed and credits once, also for a repeated external_id', async () => {
      await call('/sandbox/sparkmeter/config', json('PUT', { thundercloudSettleMs: 300 }));
      const customer = await call('/api/v0/customer/0101JAC', { headers: tcHeaders });
      expect(customer.body).toEqual({
        customers: [{ id: '9d4e7b21-8c3a-4f6e-b5d0-2e1f3a4b5c01', code: '0101JAC', name: 'Nadège Louis', phone_number: '+50937000003', credit_balance: '0.00', meters: [{ serial: 'SM5R-04-00002001' }] }],
        error: null,
      });
      const customerId = customer.body.customers[0].id;

      const body = { customer_id: customerId, amount: '40.50', source: 'cash', external_id: 'pay-tc-1' };
      const created = await call('/api/v0/transaction/', json('POST', body, tcHeaders));
      expect(created.status).toBe(200);
      expect(created.body).toEqual({ transaction_id: expect.any(String), error: null });
      const id = created.body.transaction_id;

      // The form-encoded spelling some integrations use, with the same external_id.
      const repeated = await call('/api/v0/transaction/', { method: 'POST', headers: tcHeaders, body: new URLSearchParams(body) });
      expect(repeated.body).toEqual({ transaction_id: id, error: null });

      const pending = await call(`/api/v0/transaction/${id}`, { headers: tcHeaders });
      expect(pending.body).toEqual({
        transaction: { id, status: 'pending', amount: '40.50', external_id: 'pay-tc-1', customer_id: customerId, source: 'cash' },
        error: null,
      });
      const settled = await waitFor(
        () => call(`/api/v0/transaction/${id}`, { headers: tcHeaders }),
        (r) => r.body.transaction.status !== 'pending',
      );
      expect(settled.body.transaction.status).toBe('processed');

      const after = await call('/api/v0/customer/0101JAC', { headers: tcHeaders });
      expect(after.body.customers[0].credit_balance).toBe('40.50');
      expect((await call('/sandbox/sparkmeter/customers/0101JAC')).body).toMatchObject({ creditMinor: 4_050, payments: 1 });
    });

    it('answers 401 without the token and 404 for an unknown or wrongly-cased code', async () => {
      expect(await call('/api/v0/customer/0101JAC')).toEqual({ status: 401, body: { error: 'unauthorized', status: 'failure' } });
      expect(await call('/api/v0/customer/0101jac', { headers: tcHeaders })).toEqual({ status: 404, body: { error: 'not found', status: 'failure' } });
    });
  });

  describe('faults', () => {
    it("'down' destroys the socket (fetch fails) for the next request only, and spares the control API", async () => {
      const set = await call('/sandbox/faults/koios', json('PUT', { mode: 'down', count: 1 }));
      expect(set.body.fault).toMatchObject({ target: 'koios', mode: 'down', remaining: 1 });
      await expect(fetch(`${base}/api/v1/customers?code=0252SHG`, { headers: koiosHeaders })).rejects.toThrow(/fetch failed/);
      expect((await call('/sandbox/faults')).body).toEqual({ faults: [] });
      expect((await call('/api/v1/customers?code=0252SHG', { headers: koiosHeaders })).status).toBe(200);
    });

    it("'error500' answers a vendor-shaped 500 while in force; 'timeout' holds, then drops; 'slow' delays", async () => {
      await call('/sandbox/faults/moncash', json('PUT', { mode: 'error500' }));
      const r = await call('/Api/oauth/token', { method: 'POST' });
      expect(r.status).toBe(500);
      expect(r.body).toMatchObject({ path: '/oauth/token', error: 'Internal Server Error', status: 500 });
      expect((await call('/sandbox/faults')).body.faults[0]).toMatchObject({ target: 'moncash', hits: 1 });
      expect((await call('/sandbox/faults', { method: 'DELETE' })).status).toBe(204);

      await call('/sandbox/faults/thundercloud', json('PUT', { mode: 'timeout', delayMs: 200, count: 1 }));
      const t0 = Date.now();
      await expect(fetch(`${base}/api/v0/customer/0101JAC`, { headers: tcHeaders })).rejects.toThrow(/fetch failed/);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(190);

      await call('/sandbox/faults/thundercloud', json('PUT', { mode: 'slow', delayMs: 250, count: 1 }));
      const t1 = Date.now();
      expect((await call('/api/v0/customer/0101JAC', { headers: tcHeaders })).status).toBe(200);
      expect(Date.now() - t1).toBeGreaterThanOrEqual(240);
    });

    it("'status' answers that status in the vendor's shape; 'match' hits only the requests named; 'then' follows", async () => {
      await call('/sandbox/faults/koios', json('PUT', { mode: 'status', status: 401, count: 1 }));
      expect(await call('/api/v1/customers?code=0252SHG', { headers: koiosHeaders })).toEqual({ status: 401, body: { errors: [{ code: 'unauthorized', title: 'Unauthorized' }], data: null } });
      expect((await call('/api/v1/customers?code=0252SHG', { headers: koiosHeaders })).status).toBe(200);

      const set = await call(
        '/sandbox/faults/thundercloud',
        json('PUT', { mode: 'error500_after_apply', count: 1, match: 'POST /api/v0/transaction', then: { mode: 'status', status: 503, count: 1 } }),
      );
      expect(set.body.fault).toMatchObject({ mode: 'error500_after_apply', match: 'POST /api/v0/transaction', then: { mode: 'status', status: 503, count: 1 } });
      const customer = await call('/api/v0/customer/0101JAC', { headers: tcHeaders }); // not matched: passes, not counted
      expect(customer.status).toBe(200);
      const body = { customer_id: customer.body.customers[0].id, amount: '10.00', external_id: 'tc-fault-1' };
      expect(await call('/api/v0/transaction', json('POST', body, tcHeaders))).toEqual({ status: 500, body: { error: 'internal server error', status: 'failure' } });
      expect(await call('/api/v0/transaction', json('POST', body, tcHeaders))).toEqual({ status: 503, body: { error: 'service unavailable', status: 'failure' } });
      const again = await call('/api/v0/transaction', json('POST', body, tcHeaders));
      expect(again.status).toBe(200);
      // The first attempt was applied: the retry answers the same transaction.
      const listed = await call('/sandbox/sparkmeter/thundercloud/transactions?externalId=tc-fault-1');
      expect(listed.body.transactions).toEqual([expect.objectContaining({ id: again.body.transaction_id, customerCode: '0101JAC', amountMinor: 1_000 })]);
      expect((await call('/sandbox/faults')).body).toEqual({ faults: [] });
    });

    it('refuses a status fault without a status, a status on another mode, and a then that never comes, naming why', async () => {
      const cases: [unknown, RegExp][] = [
        [{ mode: 'status' }, /needs status/],
        [{ mode: 'status', status: 200 }, /status/],
        [{ mode: 'error500', status: 503 }, /with mode 'status' only/],
        [{ mode: 'down', then: { mode: 'error500' } }, /then needs count or forMs/],
        [{ mode: 'down', count: 1, then: { mode: 'sideways' } }, /then\.mode/],
      ];
      for (const [spec, message] of cases) {
        const r = await call('/sandbox/faults/koios', json('PUT', spec));
        expect({ spec, status: r.status, message: r.body.message }).toEqual({ spec, status: 400, message: expect.stringMatching(message) });
      }
      expect((await call('/sandbox/faults')).body).toEqual({ faults: [] });
    });

    it('rejects unknown targets and error500_after_apply on MonCash', async () => {
      expect((await call('/sandbox/faults/mpesa', json('PUT', { mode: 'down' }))).status).toBe(400);
      expect((await call('/sandbox/faults/moncash', json('PUT', { mode: 'error500_after_apply' }))).status).toBe(400);
      expect((await call('/sandbox/faults/koios', json('PUT', { mode: 'sideways' }))).status).toBe(400);
    });
  });
});
