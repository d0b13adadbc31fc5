import { connect, consumerOpts, JSONCodec } from 'nats';
import { Headers, PaymentCompletedEvent, Subjects } from '@limye/contracts';
import { LocalStack } from '@limye/local-stack';
import { DEFAULT_ORGANISATION_ID } from '@limye/platform';
import { eventually, http, OTHER_ORGANISATION_ID, startTestStack, testInfra, testToken } from '@limye/testing';
import { E2E_SITE_APIS, E2eWorld, haitiPhone, suffix } from './e2e-helpers';

/**
 * Two organisations on one deployment, with the same site id, phone number, serial, account number and
 * SparkMeter meter code: each pays through the MonCash simulator, and each payment credits only its own
 * organisation's customer and device, in its own books; each organisation sees only its own payments,
 * customers and balances. (meter-adapter's side of tenancy is asserted by its own tests.)
 */
describe('two organisations, end to end', () => {
  let stack: LocalStack;
  let w: E2eWorld;
  const A = DEFAULT_ORGANISATION_ID;
  const B = OTHER_ORGANISATION_ID;
  const ORGS = [A, B] as const;

  const as = async (org: string) => ({ authorization: `Bearer ${await testToken({ organisationId: org, role: 'owner' })}` });
  const call = async (org: string, method: string, url: string, body?: unknown) => http(method, url, body, await as(org));

  beforeAll(async () => {
    stack = await startTestStack({ env: { SPARKMETER_SITE_APIS: E2E_SITE_APIS } });
    w = new E2eWorld(stack);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('credits each payment to its own organisation only, and shows each organisation only its own', async () => {
    const s = suffix();
    const shared = { phone: haitiPhone(), serial: `SM-TEN-${s}`, accountNumber: `TEN-${s}`, code: `K${s}`, site: 'e2e-koios' };
    // One meter at the simulator: today both organisations reach SparkMeter with env's credentials.
    expect((await http('POST', `${w.sandbox}/sandbox/sparkmeter/customers`, { code: shared.code, name: `Customer ${s}`, api: 'koios', creditMinor: 0 })).status).toBeLessThan(300);

    const customer: Record<string, { id: string; deviceId: string }> = {};
    for (const org of ORGS) {
      // The same site id in both (meter-adapter routes it to the Koios API); as E2eWorld.ensureSites makes it, so a
      // stack another spec already set up answers 200.
      const site = await call(org, 'POST', `${w.registry}/v1/sites`, { id: shared.site, name: `E2E ${shared.site}`, country: 'HT', currency: 'HTG' });
      expect(site.status).toBeLessThan(300);
      const created = await call(org, 'POST', `${w.registry}/v1/customers`, {
        name: `Customer of ${org}`,
        phone: shared.phone,
        accountNumber: shared.accountNumber,
        siteId: shared.site,
        devices: [{ type: 'meter', manufacturer: 'SparkMeter', serial: shared.serial, vendorAccountRef: shared.code }],
      });
      expect(created.status).toBe(201);
      customer[org] = { id: created.body.id, deviceId: created.body.devices[0].id };
    }
    expect(customer[A].id).not.toBe(customer[B].id);

    // Each organisation's operator opens an order for the same account number; the payer pays it on MonCash.
    const amounts: Record<string, number> = { [A]: 12_500, [B]: 30_000 };
    const payment: Record<string, { id: string; orderId: string; transactionId: string }> = {};
    for (const org of ORGS) {
      const order = await call(org, 'POST', `${w.intake}/v1/checkout/moncash`, { accountNumber: shared.accountNumber, amount: amounts[org] / 100 });
      expect(order.status).toBe(201);
      const { transactionId } = await w.payOrder(order.body.orderId);
      payment[org] = { id: order.body.paymentId, orderId: order.body.orderId, transactionId };
    }

    for (const org of ORGS) {
      const delivered = await waitFor(org, payment[org].id, 'DELIVERED');
      expect(delivered).toMatchObject({ customerId: customer[org].id, deviceId: customer[org].deviceId, amountMinor: amounts[org] });
      // The checkout's reserved id leads to the payment, which has an id of its own.
      payment[org].id = delivered.id;
    }

    for (const org of ORGS) {
      const other = org === A ? B : A;
      // Not the other organisation's to see, by payment id, by transaction id or in a list.
      expect((await call(other, 'GET', `${w.intake}/v1/payments/${payment[org].id}`)).status).toBe(404);
      expect((await call(other, 'GET', `${w.intake}/v1/payments?provider=moncash&providerRef=${payment[org].transactionId}`)).body.items).toEqual([]);
      const listed = await call(org, 'GET', `${w.intake}/v1/payments?limit=500`);
      const ids = listed.body.items.map((p: { id: string }) => p.id);
      expect(ids).toContain(payment[org].id);
      expect(ids).not.toContain(payment[other].id);
      // Its customer, and its books.
      expect((await call(other, 'GET', `${w.registry}/v1/customers/${customer[org].id}`)).status).toBe(404);
      const found = await call(org, 'GET', `${w.registry}/v1/customers?accountNumber=${shared.accountNumber}`);
      expect(found.body.items.map((c: { id: string }) => c.id)).toEqual([customer[org].id]);
      const balances = await call(org, 'GET', `${w.ledger}/v1/customers/${customer[org].id}/balances`);
      expect(balances.body.balances).toEqual([expect.objectContaining({ currency: 'HTG', energyDeliveredMinor: amounts[org], energyCreditMinor: 0 })]);
      expect((await call(other, 'GET', `${w.ledger}/v1/customers/${customer[org].id}/balances`)).body.balances).toEqual([]);
      expect((await call(org, 'GET', `${w.ledger}/v1/ledger/check`)).body.balanced).toBe(true);
    }

    // An alert naming A's transaction with B's order changes nothing: whose payment it is came from MonCash.
    const forged = await http('POST', `${w.intake}/v1/providers/moncash/alert`, { transactionId: payment[A].transactionId, orderId: payment[B].orderId });
    expect(forged.status).toBe(200);
    expect(await waitFor(A, payment[A].id, 'DELIVERED')).toMatchObject({ customerId: customer[A].id, amountMinor: amounts[A] });
    expect((await call(B, 'GET', `${w.intake}/v1/payments/${payment[A].id}`)).status).toBe(404);

    // Each payments.v1.completed event names its organisation, in its body and in its header.
    const nc = await connect({ servers: testInfra().natsUrl });
    try {
      const opts = consumerOpts();
      opts.orderedConsumer();
      opts.deliverAll();
      const sub = await nc.jetstream().subscribe(Subjects.paymentsCompleted, opts);
      const codec = JSONCodec<PaymentCompletedEvent>();
      const seen: Record<string, [string, string | undefined]> = {};
      const giveUp = setTimeout(() => sub.unsubscribe(), 10_000);
      for await (const m of sub) {
        const e = codec.decode(m.data);
        for (const org of ORGS) if (e.paymentId === payment[org].id) seen[org] = [e.organisationId, m.headers?.get(Headers.organisationId)];
        if (Object.keys(seen).length === 2 && m.info.pending === 0) break;
      }
      clearTimeout(giveUp);
      expect(seen).toEqual({ [A]: [A, A], [B]: [B, B] });
    } finally {
      await nc.close();
    }
  });

  async function waitFor(org: string, paymentId: string, state: string) {
    return eventually(async () => {
      const r = await call(org, 'GET', `${w.intake}/v1/payments/${paymentId}`);
      return r.status === 200 && r.body.state === state ? r.body : undefined;
    }, 30_000);
  }
});
