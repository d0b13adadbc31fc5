import { connect, consumerOpts, JSONCodec, NatsConnection } from 'nats';
import { Client } from 'pg';
import { LocalStack } from '@limye/local-stack';
import { eventually, http, nestedJson, nonJsonBodies, startTestStack, testInfra } from '@limye/testing';
import { E2E_SITE_APIS, E2eWorld, haitiPhone, suffix } from './e2e-helpers';

/**
 * The first real flow, end to end, every service its own process: a MonCash payment becomes SparkMeter
 * credit exactly once, also when things fail.
 */
describe('MonCash → SparkMeter, end to end', () => {
  let stack: LocalStack;
  let w: E2eWorld;

  beforeAll(async () => {
    stack = await startTestStack({ env: { SPARKMETER_SITE_APIS: E2E_SITE_APIS } });
    w = new E2eWorld(stack);
    await w.ensureSites();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  afterEach(async () => {
    await w.clearFaults();
    await w.moncashConfig({ dropAlerts: false, duplicateAlerts: 1, alertFormat: 'json' });
  });

  it.each(['koios', 'thundercloud'] as const)('a checkout paid on MonCash ends DELIVERED and the %s balance rises by exactly the amount', async (api) => {
    const c = await w.registerSparkMeterCustomer(api);
    const before = await w.vendorCredit(c.code);
    const order = await w.checkout(c.accountNumber, '250.50');
    expect(order.redirectUrl).toMatch(/\/Moncash-middleware\/Payment\/Redirect\?token=/);
    await w.payOrder(order.orderId);
    const p = await w.waitForState(order.paymentId, 'DELIVERED');
    expect(p.amountMinor).toBe(25050);
    expect(p.currency).toBe('HTG');
    expect(p.customerId).toBe(c.id);
    expect(p.history.map((h: { state: string }) => h.state)).toEqual(['RECEIVED', 'VERIFIED', 'MATCHED', 'ALLOCATED', 'DELIVERED']);
    expect(await w.vendorCredit(c.code)).toBe(before + 25050);
    const balances = await http('GET', `${w.ledger}/v1/customers/${c.id}/balances`);
    expect(balances.body.balances).toEqual([expect.objectContaining({ currency: 'HTG', energyDeliveredMinor: 25050, energyCreditMinor: 0 })]);
  });

  it('the same alert 20 times at once credits once', async () => {
    const c = await w.registerSparkMeterCustomer('koios');
    await w.moncashConfig({ dropAlerts: true });
    const order = await w.checkout(c.accountNumber, 100);
    const { transactionId } = await w.payOrder(order.orderId);
    const alerts = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2 === 0
          ? http('POST', `${w.intake}/v1/providers/moncash/alert`, { transactionId, orderId: order.orderId })
          : http('POST', `${w.intake}/v1/providers/moncash/alert`, new URLSearchParams({ transactionId })),
      ),
    );
    expect(alerts.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(new Set(alerts.map((a) => a.body.paymentId)).size).toBe(1);
    await w.waitForRefState(transactionId, 'DELIVERED');
    expect(await w.paymentByRef(transactionId)).toHaveLength(1);
    expect(await w.vendorCredit(c.code)).toBe(10000);
    expect(await w.vendorPayments(c.code)).toBe(1);
  });

  it('an alert for a transaction MonCash does not know credits nothing', async () => {
    const r = await http('POST', `${w.intake}/v1/providers/moncash/alert`, { transactionId: '990000000001' });
    expect(r.status).toBe(200);
    const p = await w.waitForRefState('990000000001', 'REJECTED');
    expect(p.reason).toMatch(/MonCash does not know this transaction/);
    const check = await http('GET', `${w.ledger}/v1/ledger/check`);
    expect(check.body.balanced).toBe(true);
  });

  it('a payment from a phone registered to one device is matched by phone; an unknown payer ends UNMATCHED', async () => {
    const c = await w.registerSparkMeterCustomer('koios');
    const { transactionId } = await w.payDirect(`509${c.phone}`, '75');
    const p = await w.waitForRefState(transactionId, 'DELIVERED');
    const full = await w.payment(p.id);
    expect(full.body.customerId).toBe(c.id);
    expect(full.body.history.find((h: { state: string }) => h.state === 'MATCHED').detail).toMatch(/phone/);
    expect(await w.vendorCredit(c.code)).toBe(7500);

    const unknown = await w.payDirect('50930000001', '20');
    const u = await w.waitForRefState(unknown.transactionId, 'UNMATCHED');
    expect(u.reason).toMatch(/no match/);
    const listed = await http('GET', `${w.intake}/v1/payments?status=unmatched`);
    expect(listed.body.items.map((i: { id: string }) => i.id)).toContain(u.id);
  });

  it('an UNMATCHED payment is credited after the operator corrects the customer\'s phone and retries', async () => {
    const c = await w.registerSparkMeterCustomer('koios');
    const newPhone = haitiPhone();
    const { transactionId } = await w.payDirect(`509${newPhone}`, '15');
    const u = await w.waitForRefState(transactionId, 'UNMATCHED');
    const bad = await http('PATCH', `${w.registry}/v1/customers/${c.id}`, { phone: '12' });
    expect(bad.status).toBe(400);
    const fixed = await http('PATCH', `${w.registry}/v1/customers/${c.id}`, { phone: newPhone });
    expect(fixed.status).toBe(200);
    expect(fixed.body.phone).toBe(`+509${newPhone}`);
    expect((await http('POST', `${w.intake}/v1/payments/${u.id}/retry`)).status).toBe(200);
    await w.waitForState(u.id, 'DELIVERED');
    expect(await w.vendorCredit(c.code)).toBe(1500);
  });

  it('SparkMeter down for a while, then up: credited once after it recovers', async () => {
    const c = await w.registerSparkMeterCustomer('koios');
    await w.fault('koios', { mode: 'down', forMs: 4000 });
    const order = await w.checkout(c.accountNumber, '40');
    await w.payOrder(order.orderId);
    await w.waitForState(order.paymentId, 'ALLOCATED', 10000);
    expect(await w.vendorCredit(c.code)).toBe(0);
    await w.waitForState(order.paymentId, 'DELIVERED', 40000);
    expect(await w.vendorCredit(c.code)).toBe(4000);
    expect(await w.vendorPayments(c.code)).toBe(1);
  });

  it('a delivery finished after an outage moves its payment on at once, however long the payment\'s back-off', async () => {
    const c = await w.registerSparkMeterCustomer('koios');
    await w.fault('koios', { mode: 'down' });
    const order = await w.checkout(c.accountNumber, '41');
    await w.payOrder(order.orderId);
    await w.waitForState(order.paymentId, 'ALLOCATED', 10000);
    // As after a long outage: the payment's next look at its delivery is an hour away.
    const db = new Client({ connectionString: testInfra().databaseUrl });
    await db.connect();
    try {
      await eventually(async () => {
        const r = await db.query(
          `UPDATE payment_intake.payments SET next_attempt_at = now() + interval '1 hour'
            WHERE id = (SELECT payment_id FROM payment_intake.checkouts WHERE reserved_payment_id = $1)
              AND state = 'ALLOCATED' AND (lease_until IS NULL OR lease_until < now())`,
          [order.paymentId],
        );
        return r.rowCount === 1;
      }, 10000, 20);
    } finally {
      await db.end();
    }
    await w.clearFaults();
    await w.waitForState(order.paymentId, 'DELIVERED', 30000);
    expect(await w.vendorCredit(c.code)).toBe(4100);
    expect(await w.vendorPayments(c.code)).toBe(1);
  });

  it('a vendor that credits and then answers 500 is not credited twice', async () => {
    const c = await w.registerSparkMeterCustomer('koios');
    await w.fault('koios', { mode: 'error500_after_apply', count: 1 });
    const order = await w.checkout(c.accountNumber, '33');
    await w.payOrder(order.orderId);
    await w.waitForState(order.paymentId, 'DELIVERED', 40000);
    expect(await w.vendorCredit(c.code)).toBe(3300);
    expect(await w.vendorPayments(c.code)).toBe(1);
  });

  it('meter-adapter killed with SIGKILL in mid-payment, then restarted: credited once', async () => {
    const c = await w.registerSparkMeterCustomer('koios');
    await w.fault('koios', { mode: 'slow', delayMs: 3000 });
    const order = await w.checkout(c.accountNumber, '60');
    await w.payOrder(order.orderId);
    await w.waitForState(order.paymentId, 'ALLOCATED', 10000);
    await new Promise((r) => setTimeout(r, 500)); // the vendor call is in flight now
    await stack.service('meter-adapter').stop('SIGKILL');
    await w.clearFaults();
    await stack.service('meter-adapter').start();
    await w.waitForState(order.paymentId, 'DELIVERED', 60000);
    expect(await w.vendorCredit(c.code)).toBe(6000);
    expect(await w.vendorPayments(c.code)).toBe(1);
  });

  it('a delivery the vendor refused ends FAILED; after the operator fixes it, a retry credits once', async () => {
    const code = `KX${suffix()}`;
    const created = await http('POST', `${w.registry}/v1/customers`, {
      name: 'Not yet at SparkMeter',
      phone: haitiPhone(),
      siteId: 'e2e-koios',
      devices: [{ type: 'meter', manufacturer: 'SparkMeter', serial: `SM-E2E-${code}`, vendorAccountRef: code }],
    });
    expect(created.status).toBe(201);
    const order = await w.checkout(created.body.accountNumber, '20');
    await w.payOrder(order.orderId);
    const failed = await w.waitForState(order.paymentId, 'FAILED');
    expect(failed.reason).toMatch(/unknown customer|not found/i);
    // The operator creates the customer at SparkMeter, then retries the payment.
    expect((await http('POST', `${w.sandbox}/sandbox/sparkmeter/customers`, { code, name: 'Now at SparkMeter', api: 'koios', creditMinor: 0 })).status).toBeLessThan(300);
    const retried = await http('POST', `${w.intake}/v1/payments/${failed.id}/retry`);
    expect(retried.status).toBe(200);
    await w.waitForState(failed.id, 'DELIVERED');
    expect(await w.vendorCredit(code)).toBe(2000);
    expect(await w.vendorPayments(code)).toBe(1);
    const again = await http('POST', `${w.intake}/v1/payments/${failed.id}/retry`);
    expect(again.status).toBe(409);
  });

  it('a lost alert is found by reconciliation', async () => {
    const c = await w.registerSparkMeterCustomer('thundercloud');
    await w.moncashConfig({ dropAlerts: true });
    const order = await w.checkout(c.accountNumber, '12.25');
    await w.payOrder(order.orderId);
    await w.waitForState(order.paymentId, 'DELIVERED', 30000);
    expect(await w.vendorCredit(c.code)).toBe(1225);
  });

  it('announces each delivered payment once on JetStream (payments.v1.completed)', async () => {
    const nc: NatsConnection = await connect({ servers: testInfra().natsUrl });
    try {
      const c = await w.registerSparkMeterCustomer('koios');
      const order = await w.checkout(c.accountNumber, '5');
      await w.payOrder(order.orderId);
      const delivered = await w.waitForState(order.paymentId, 'DELIVERED');
      const js = nc.jetstream();
      const opts = consumerOpts();
      opts.orderedConsumer();
      opts.deliverAll();
      const sub = await js.subscribe('payments.v1.completed', opts);
      const codec = JSONCodec<{ paymentId: string; amountMinor: number }>();
      const seen: number[] = [];
      // The outbox publishes right after the commit; read the whole stream until ours has come and
      // nothing else is pending (a duplicate would show up as a second entry), or give up after 10 s.
      const giveUp = setTimeout(() => sub.unsubscribe(), 10000);
      for await (const m of sub) {
        const e = codec.decode(m.data);
        if (e.paymentId === delivered.id) seen.push(e.amountMinor);
        if (seen.length > 0 && m.info.pending === 0) break;
      }
      clearTimeout(giveUp);
      expect(seen).toEqual([500]);
    } finally {
      await nc.close();
    }
  });

  describe('bad input gets a 4xx naming the problem', () => {
    it.each([
      [{ accountNumber: '1', amount: 0 }, 'amount'],
      [{ accountNumber: '1', amount: -5 }, 'amount'],
      [{ accountNumber: '1', amount: '1.234' }, 'amount'],
      [{ accountNumber: '1', amount: '1e3' }, 'amount'],
      [{ accountNumber: '1', amount: '10', currency: 'USD' }, 'currency'],
      [{ amount: '10' }, 'accountNumber'],
      [{ accountNumber: '1', amount: '10', extra: true }, 'extra'],
    ])('checkout %j → 400 naming %s', async (body, field) => {
      const r = await http('POST', `${w.intake}/v1/checkout/moncash`, body);
      expect(r.status).toBe(400);
      expect(JSON.stringify(r.body)).toContain(field);
    });

    it('malformed JSON, an oversized body, an unknown account, an alert without ids', async () => {
      const bad = await http('POST', `${w.intake}/v1/checkout/moncash`, '{"accountNumber": ', { 'content-type': 'application/json' });
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('MALFORMED_JSON');
      const big = await http('POST', `${w.intake}/v1/checkout/moncash`, { accountNumber: 'x'.repeat(200000), amount: 1 });
      expect(big.status).toBe(413);
      const unknown = await http('POST', `${w.intake}/v1/checkout/moncash`, { accountNumber: '0000000', amount: 10 });
      expect(unknown.status).toBe(404);
      const alert = await http('POST', `${w.intake}/v1/providers/moncash/alert`, { hello: 'world' });
      expect(alert.status).toBe(400);
      const notUuid = await http('GET', `${w.intake}/v1/payments/not-a-uuid`);
      expect(notUuid.status).toBe(400);
    });

    it('a body nested 2,000, 4,500 or 5,000 levels deep is a 400 JSON_TOO_DEEP on the checkout and the alert, storing nothing; 32 levels reach validation', async () => {
      const tooDeep = { statusCode: 400, code: 'JSON_TOO_DEEP', message: 'body nests deeper than 32 levels' };
      for (const depth of [2_000, 4_500, 5_000]) {
        const checkout = await http('POST', `${w.intake}/v1/checkout/moncash`, nestedJson(depth));
        expect({ depth, status: checkout.status, body: checkout.body }).toEqual({ depth, status: 400, body: tooDeep });
        // An alert naming a transaction, nested too deep: refused before its raw body is stored.
        const transactionId = `D${suffix()}${depth}`;
        const alert = await http('POST', `${w.intake}/v1/providers/moncash/alert`, `{"transactionId":"${transactionId}","x":${nestedJson(depth).slice(5)}`);
        expect({ depth, status: alert.status, body: alert.body }).toEqual({ depth, status: 400, body: tooDeep });
        expect(await w.paymentByRef(transactionId)).toEqual([]);
      }
      const allowed = await http('POST', `${w.intake}/v1/checkout/moncash`, nestedJson(32));
      expect(allowed.status).toBe(400);
      expect(allowed.body.code).toBe('VALIDATION_FAILED');
      expect(allowed.body.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['x', 'accountNumber', 'amount']));
    });

    it('a checkout or a retry in another type than JSON is a 415; the MonCash callbacks still take any body and read the query', async () => {
      const c = await w.registerSparkMeterCustomer('koios');
      for (const b of nonJsonBodies({ accountNumber: c.accountNumber, amount: '10' })) {
        const res = await http('POST', `${w.intake}/v1/checkout/moncash`, b.body, b.headers);
        expect({ type: b.type, status: res.status, code: res.body?.code, accepted: res.body?.accepted }).toEqual({
          type: b.type,
          status: 415,
          code: 'UNSUPPORTED_MEDIA_TYPE',
          accepted: ['application/json'],
        });
      }
      const retry = await http('POST', `${w.intake}/v1/payments/00000000-0000-4000-8000-000000000000/retry`, 'x', { 'content-type': 'text/plain' });
      expect(retry.status).toBe(415);
      // MonCash's Alert URL: text/plain (unread) with the id in the query, as today.
      const transactionId = `T${suffix()}`;
      const alert = await http('POST', `${w.intake}/v1/providers/moncash/alert?transactionId=${transactionId}`, 'hello', { 'content-type': 'text/plain' });
      expect(alert.status).toBe(200);
      expect(alert.body.paymentId).toEqual(expect.any(String));
      const ret = await http('POST', `${w.intake}/v1/providers/moncash/return?format=json`, new URLSearchParams({ transactionId }));
      expect(ret.status).toBe(200);
      expect(ret.body.paymentId).toBe(alert.body.paymentId);
    });

    it('the MonCash callbacks take only GET and POST: HEAD, OPTIONS, DELETE and PUT are a 405 with Allow and record no payment', async () => {
      const transactionId = `M${suffix()}`;
      for (const route of ['alert', 'return']) {
        for (const method of ['HEAD', 'OPTIONS', 'DELETE', 'PUT']) {
          const res = await fetch(`${w.intake}/v1/providers/moncash/${route}?transactionId=${transactionId}`, { method });
          expect({ route, method, status: res.status, allow: res.headers.get('allow') }).toEqual({ route, method, status: 405, allow: 'GET, POST' });
        }
      }
      expect(await w.paymentByRef(transactionId)).toEqual([]);
    });

    it('an alert with a lone surrogate escape in a value or a key is a 400 naming it, not a 500, storing nothing', async () => {
      const transactionId = `S${suffix()}`;
      const inValue = await http('POST', `${w.intake}/v1/providers/moncash/alert`, `{"transactionId":"${transactionId}","note":"\\ud800"}`);
      expect({ status: inValue.status, code: inValue.body.code, field: inValue.body.fields?.[0]?.field }).toEqual({ status: 400, code: 'VALIDATION_FAILED', field: 'note' });
      const inKey = await http('POST', `${w.intake}/v1/providers/moncash/return?format=json`, `{"transactionId":"${transactionId}","\\udc00":1}`);
      expect({ status: inKey.status, field: inKey.body.fields?.[0]?.field }).toEqual({ status: 400, field: '\\udc00' });
      expect(await w.paymentByRef(transactionId)).toEqual([]);
    });

    it('a checkout body with a __proto__ or constructor key is a 400 naming it, like any unknown key', async () => {
      const c = await w.registerSparkMeterCustomer('koios');
      for (const key of ['__proto__', 'constructor', 'toString']) {
        const res = await http('POST', `${w.intake}/v1/checkout/moncash`, `{"accountNumber":"${c.accountNumber}","amount":"10","${key}":{"x":1}}`);
        expect({ key, status: res.status, message: res.body.message }).toEqual({ key, status: 400, message: `${key}: property ${key} should not exist` });
      }
    });
  });
});
