import { randomUUID } from 'crypto';
import { connect, JSONCodec } from 'nats';
import { DataSource } from 'typeorm';
import { DeliveryFinishedNotice, DeliveryReply, DeliveryRequest, Subjects } from '@limye/contracts';
import { DEFAULT_ORGANISATION_ID, NatsRpcClient, RpcCallError, runWithOrganisationId } from '@limye/platform';
import { eventually, http, InProcessService, nestedJson, nonJsonBodies, pendingSchemaChanges, startServiceInProcess, testInfra } from '@limye/testing';
import { RunningSimulators, startSimulators } from '@limye/simulators/testing';
import { meterAdapterService } from '../meter-adapter.service-definition';

/** The SparkMeter simulators, in-process, with credentials of their own (so /metrics can be checked for them). */
const startSparkMeter = () =>
  startSimulators({ only: ['sparkmeter'], env: { SPARKMETER_KOIOS_API_KEY: 'test-key', SPARKMETER_KOIOS_API_SECRET: 'test-secret', SPARKMETER_THUNDERCLOUD_TOKEN: 'test-token' } });

/** Fast retries so fault scenarios settle in seconds; the vendor budget stays above a normal answer. */
function serviceEnv(sim: RunningSimulators, extra: Record<string, string> = {}): Record<string, string> {
  return {
    SPARKMETER_KOIOS_BASE_URL: sim.url,
    SPARKMETER_KOIOS_API_KEY: sim.env.SPARKMETER_KOIOS_API_KEY,
    SPARKMETER_KOIOS_API_SECRET: sim.env.SPARKMETER_KOIOS_API_SECRET,
    SPARKMETER_THUNDERCLOUD_BASE_URL: `${sim.url}/api/v0`,
    SPARKMETER_THUNDERCLOUD_TOKEN: sim.env.SPARKMETER_THUNDERCLOUD_TOKEN,
    SPARKMETER_SITE_APIS: 'haiti-north:koios,haiti-south:thundercloud',
    SPARKMETER_DEFAULT_API: 'koios',
    VENDOR_TIMEOUT_MS: '1500',
    DELIVERY_RETRY_BASE_MS: '100',
    DELIVERY_RETRY_MAX_MS: '400',
    DELIVERY_POLL_MS: '50',
    ...extra,
  };
}

/** Another organisation, with the same meters (customer codes) as the default one. */
const ORG_B = '00000000-0000-4000-8000-0000000000b1';

/** As payment-intake sends it: the organisation in the payload and, through the context, in the header. */
const sendAs = <T, P extends { organisationId?: string } = { organisationId?: string }>(client: NatsRpcClient, subject: string, payload: P, headerOrganisation = payload.organisationId) =>
  headerOrganisation
    ? runWithOrganisationId(headerOrganisation, () => client.request<T>(subject, payload, 10000))
    : client.request<T>(subject, payload, 10000);

function koiosRequest(overrides: Partial<DeliveryRequest> = {}): DeliveryRequest {
  return {
    organisationId: DEFAULT_ORGANISATION_ID,
    paymentId: randomUUID(),
    customerId: randomUUID(),
    device: { id: randomUUID(), type: 'meter', manufacturer: 'SparkMeter', serial: 'SM16R-01-00001234', vendorAccountRef: '0252SHG', siteId: 'haiti-north' },
    amountMinor: 25000,
    currency: 'HTG',
    memo: 'moncash 0987',
    ...overrides,
  };
}

function thunderCloudRequest(): DeliveryRequest {
  // Lower-case on purpose: ThunderCloud lookups are case-sensitive and the driver upper-cases the code.
  const req = koiosRequest();
  return { ...req, device: { ...req.device, serial: 'SM5R-04-00002001', vendorAccountRef: '0101jac', siteId: 'haiti-south' } };
}

describe('meter-adapter deliveries (real Postgres + NATS, SparkMeter simulators over HTTP)', () => {
  let sim: RunningSimulators;
  let svc: InProcessService;
  let client: NatsRpcClient;

  const deliver = (req: DeliveryRequest) => sendAs<DeliveryReply>(client, Subjects.meterDeliveryRequest, req);
  const getDelivery = async (id: string) => (await http('GET', `${svc.url}/v1/deliveries/${id}`)).body;
  const settled = (id: string, status: string) => eventually(async () => ((await getDelivery(id)).status === status ? getDelivery(id) : null), 15000);

  beforeAll(async () => {
    sim = await startSparkMeter();
    // ThunderCloud transactions processed at once, unless a test asks for pending polls.
    await sim.sparkmeter.config({ thundercloudSettleMs: 0 });
    svc = await startServiceInProcess(meterAdapterService, serviceEnv(sim));
    client = new NatsRpcClient(testInfra().natsUrl, 'test', 5000);
    await client.connect();
  });
  afterAll(async () => {
    await client?.onApplicationShutdown();
    await svc?.close();
    await sim?.close();
  });
  afterEach(async () => {
    await sim.faults.clear();
    await sim.sparkmeter.config({ thundercloudPendingPolls: 0 });
  });

  it('credits a Koios customer once, answering DELIVERED within the request, and a repeat changes nothing', async () => {
    const req = koiosRequest();
    const first = await deliver(req);
    expect(first).toMatchObject({ paymentId: req.paymentId, status: 'DELIVERED', driver: 'sparkmeter-koios-v1', attempts: 1, reason: null, failureCode: null });
    const [payment] = await sim.sparkmeter.koiosPayments(req.paymentId);
    expect(payment).toMatchObject({ customerCode: '0252SHG', amountMinor: 25000, memo: 'moncash 0987' });
    expect(first.vendorRef).toBe(payment?.id);

    const again = await deliver(req);
    expect(again).toEqual(first);
    expect(await sim.sparkmeter.creditsFor(req.paymentId)).toBe(1);
    expect(await sim.sparkmeter.requestsFor(req.paymentId)).toHaveLength(1);
  });

  it('credits once for 20 concurrent identical requests', async () => {
    const req = koiosRequest();
    const replies = await Promise.all(Array.from({ length: 20 }, () => deliver(req)));
    expect(new Set(replies.map((r) => r.deliveryId)).size).toBe(1);
    await settled(replies[0].deliveryId, 'DELIVERED');
    expect(await sim.sparkmeter.creditsFor(req.paymentId)).toBe(1);
    // One vendor call in all: the lease kept every other request (and the worker) off the vendor.
    expect(await sim.sparkmeter.requestsFor(req.paymentId)).toEqual([`POST /api/v1/payments ext=${req.paymentId}`]);
  });

  it('keeps an unanswered credit UNKNOWN while the vendor is down, then delivers it once after recovery, asking first', async () => {
    await sim.faults.set('koios', { mode: 'down' });
    const req = koiosRequest();
    const first = await deliver(req);
    expect(first.status).toBe('UNKNOWN');
    expect(first.reason).toMatch(/Koios/);
    await eventually(async () => (await getDelivery(first.deliveryId)).attempts >= 3);
    expect((await getDelivery(first.deliveryId)).status).toBe('UNKNOWN');
    // The alert's gauges (LimyeDeliveriesUnknown) see it.
    const metrics = (await http('GET', `${svc.url}/metrics`)).text;
    expect(Number(/^limye_meter_deliveries_unknown\{[^}]*\} (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(1);
    expect(Number(/^limye_meter_deliveries_unknown_oldest_seconds\{[^}]*\} ([\d.e+-]+)$/m.exec(metrics)?.[1])).toBeGreaterThan(0);

    await sim.faults.clear('koios');
    const done = await settled(first.deliveryId, 'DELIVERED');
    expect(await sim.sparkmeter.creditsFor(req.paymentId)).toBe(1);
    expect(done.vendorRef).toBe((await sim.sparkmeter.koiosPayments(req.paymentId))[0]?.id);
    // After an unclear attempt the vendor is asked before the (same) external id is sent again.
    const seen = await sim.sparkmeter.requestsFor(req.paymentId);
    const lastPost = seen.lastIndexOf(`POST /api/v1/payments ext=${req.paymentId}`);
    expect(seen[lastPost - 1]).toBe(`GET /api/v1/payments?external_id=${req.paymentId}`);
  });

  it('tells payment-intake (meter.v1.delivery.finished) when the worker finishes a delivery answered UNKNOWN earlier', async () => {
    const nc = await connect({ servers: testInfra().natsUrl });
    const codec = JSONCodec<DeliveryFinishedNotice>();
    const notices: DeliveryFinishedNotice[] = [];
    const sub = nc.subscribe(Subjects.meterDeliveryFinished, { callback: (_, m) => notices.push(codec.decode(m.data)) });
    try {
      await nc.flush();
      await sim.faults.set('koios', { mode: 'down' });
      const req = koiosRequest();
      const first = await deliver(req);
      expect(first.status).toBe('UNKNOWN');
      await sim.faults.clear('koios');
      await settled(first.deliveryId, 'DELIVERED');
      const mine = await eventually(async () => notices.filter((n) => n.paymentId === req.paymentId).length > 0 && notices.filter((n) => n.paymentId === req.paymentId));
      expect(mine).toEqual([{ deliveryId: first.deliveryId, paymentId: req.paymentId, status: 'DELIVERED' }]);
    } finally {
      sub.unsubscribe();
      await nc.close();
    }
  });

  it('finds a credit the vendor applied before answering 500, without sending it again', async () => {
    await sim.faults.set('koios', { mode: 'error500_after_apply', count: 1 });
    const req = koiosRequest();
    const first = await deliver(req);
    expect(first.status).toBe('UNKNOWN');
    const done = await settled(first.deliveryId, 'DELIVERED');
    expect(await sim.sparkmeter.creditsFor(req.paymentId)).toBe(1);
    expect((await sim.sparkmeter.requestsFor(req.paymentId)).filter((l) => l.startsWith('POST'))).toHaveLength(1);
    expect(done.vendorRef).toBe((await sim.sparkmeter.koiosPayments(req.paymentId))[0]?.id);
  });

  it('treats a vendor slower than VENDOR_TIMEOUT_MS as unknown and still credits exactly once', async () => {
    await sim.faults.set('koios', { mode: 'slow', delayMs: 2500, count: 1 });
    const req = koiosRequest();
    const first = await deliver(req);
    expect(first).toMatchObject({ status: 'UNKNOWN', reason: expect.stringMatching(/timed out/) });
    await settled(first.deliveryId, 'DELIVERED');
    await new Promise((r) => setTimeout(r, 1500)); // let the slow original finish too
    expect(await sim.sparkmeter.creditsFor(req.paymentId)).toBe(1);
  });

  it('fails an unknown customer at once with the vendor reason, and does not retry it', async () => {
    const req = koiosRequest({ device: { ...koiosRequest().device, vendorAccountRef: 'NOBODY' } });
    const reply = await deliver(req);
    expect(reply).toMatchObject({ status: 'FAILED', failureCode: 'METER.VENDOR_REJECTED', attempts: 1, reason: expect.stringMatching(/unknown customer/) });
    await new Promise((r) => setTimeout(r, 800));
    expect((await getDelivery(reply.deliveryId)).attempts).toBe(1);
    expect(await sim.sparkmeter.requestsFor(req.paymentId)).toHaveLength(1);
    expect((await deliver(req)).status).toBe('FAILED');
    expect(await sim.sparkmeter.requestsFor(req.paymentId)).toHaveLength(1);
  });

  it('lets an operator retry a FAILED delivery once the data is fixed', async () => {
    const req = koiosRequest({ device: { ...koiosRequest().device, vendorAccountRef: 'LATE01' } });
    const failed = await deliver(req);
    expect(failed.status).toBe('FAILED');
    await sim.sparkmeter.upsertCustomer({ code: 'LATE01', api: 'koios' });
    const retried = await http('POST', `${svc.url}/v1/deliveries/${failed.deliveryId}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id: failed.deliveryId, status: 'PENDING', failureCode: null });
    await settled(failed.deliveryId, 'DELIVERED');
    expect(await sim.sparkmeter.creditsFor(req.paymentId)).toBe(1);
    const again = await http('POST', `${svc.url}/v1/deliveries/${failed.deliveryId}/retry`);
    expect(again.status).toBe(409);
  });

  it('polls an accepted ThunderCloud transaction from pending to processed', async () => {
    await sim.sparkmeter.config({ thundercloudPendingPolls: 2 });
    const req = thunderCloudRequest();
    const first = await deliver(req);
    const [tx] = await sim.sparkmeter.thundercloudTransactions(req.paymentId);
    expect(tx).toMatchObject({ customerId: '9d4e7b21-8c3a-4f6e-b5d0-2e1f3a4b5c01', amountMinor: 25000 });
    expect(first).toMatchObject({ status: 'PENDING', driver: 'sparkmeter-thundercloud-v0', vendorRef: tx?.id });
    const done = await settled(first.deliveryId, 'DELIVERED');
    expect(done.vendorRef).toBe(tx?.id);
    expect(await sim.sparkmeter.creditsFor(req.paymentId)).toBe(1);
  });

  it('re-sends an unanswered ThunderCloud transaction with the same external id, never a new one', async () => {
    await sim.faults.set('thundercloud', { mode: 'error500_after_apply', count: 1, match: 'POST /api/v0/transaction' });
    const req = thunderCloudRequest();
    const first = await deliver(req);
    expect(first.status).toBe('UNKNOWN');
    await settled(first.deliveryId, 'DELIVERED');
    expect(await sim.sparkmeter.thundercloudTransactions(req.paymentId)).toHaveLength(1);
    expect((await sim.sparkmeter.requestsFor(req.paymentId)).filter((l) => l.startsWith('POST')).length).toBeGreaterThanOrEqual(2);
  });

  it('takes "external_id has already been taken" as delivered, and learns the vendor\'s payment id', async () => {
    const req = koiosRequest();
    const earlier = await sim.sparkmeter.recordKoiosPayment({ customerCode: '0252SHG', amountMinor: 25000, externalId: req.paymentId });
    const reply = await deliver(req);
    expect(reply).toMatchObject({ status: 'DELIVERED', vendorRef: earlier.id });
    expect(await sim.sparkmeter.creditsFor(req.paymentId)).toBe(1);
  });

  it('recovers a delivery whose process died mid-call: the lease runs out, the vendor is asked, nothing is sent twice', async () => {
    const req = koiosRequest();
    await sim.sparkmeter.recordKoiosPayment({ customerCode: '0252SHG', amountMinor: 25000, externalId: req.paymentId });
    const id = randomUUID();
    await svc.app.get(DataSource).query(
      `INSERT INTO deliveries (id, payment_id, customer_id, device_id, device_type, device_manufacturer, device_serial,
         device_vendor_account_ref, device_site_id, amount_minor, currency, driver, status, attempts, next_attempt_at, lease_until, organisation_id)
       VALUES ($1, $2, $3, $4, 'meter', 'SparkMeter', 'SM-1', '0252SHG', 'haiti-north', 25000, 'HTG', 'sparkmeter-koios-v1', 'PENDING', 1,
         now() - interval '1 minute', now() - interval '1 second', $5)`,
      [id, req.paymentId, req.customerId, req.device.id, DEFAULT_ORGANISATION_ID],
    );
    const done = await settled(id, 'DELIVERED');
    expect(done.attempts).toBe(2);
    expect(await sim.sparkmeter.creditsFor(req.paymentId)).toBe(1);
    expect((await sim.sparkmeter.requestsFor(req.paymentId)).filter((l) => l.startsWith('POST'))).toHaveLength(0);
  });

  it('fails devices no driver supports, without calling any vendor', async () => {
    const req = koiosRequest({ device: { ...koiosRequest().device, manufacturer: 'Calin' } });
    const reply = await deliver(req);
    expect(reply).toMatchObject({ status: 'FAILED', driver: 'none', attempts: 0, failureCode: 'METER.UNSUPPORTED_DEVICE', reason: expect.stringMatching(/Calin/) });
    expect(await sim.sparkmeter.requestsFor(req.paymentId)).toHaveLength(0);
  });

  it('refuses an invalid payload naming the fields, and a repeat that changes the credit', async () => {
    const invalid = { ...koiosRequest(), paymentId: 'not-a-uuid', amountMinor: -5 };
    await expect(deliver(invalid)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/paymentId.*amountMinor|amountMinor.*paymentId/) });
    const unknownCurrency = koiosRequest({ currency: 'XXX' });
    await expect(deliver(unknownCurrency)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });

    const req = koiosRequest();
    await deliver(req);
    const err: RpcCallError = await deliver({ ...req, amountMinor: 99900 }).catch((e) => e);
    expect(err).toMatchObject({ code: 'METER.DELIVERY_CONFLICT', message: expect.stringMatching(/amountMinor/) });
    expect(await sim.sparkmeter.creditsFor(req.paymentId)).toBe(1);
  });

  it('shows deliveries over HTTP: by id, by payment and status, 404 and 400', async () => {
    const req = koiosRequest();
    const reply = await deliver(req);
    const one = await http('GET', `${svc.url}/v1/deliveries/${reply.deliveryId}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      id: reply.deliveryId,
      paymentId: req.paymentId,
      amountMinor: 25000,
      currency: 'HTG',
      status: 'DELIVERED',
      device: { id: req.device.id, vendorAccountRef: '0252SHG', siteId: 'haiti-north', manufacturer: 'SparkMeter', type: 'meter' },
      deliveredAt: expect.any(String),
      nextAttemptAt: null,
    });
    const list = await http('GET', `${svc.url}/v1/deliveries?paymentId=${req.paymentId}&status=DELIVERED`);
    expect(list.body.items.map((d: { id: string }) => d.id)).toEqual([reply.deliveryId]);
    expect((await http('GET', `${svc.url}/v1/deliveries?paymentId=${req.paymentId}&status=FAILED`)).body.items).toEqual([]);
    expect((await http('GET', `${svc.url}/v1/deliveries?status=LOST`)).body.code).toBe('VALIDATION_FAILED');
    expect((await http('GET', `${svc.url}/v1/deliveries/${randomUUID()}`)).status).toBe(404);
    expect((await http('GET', `${svc.url}/v1/deliveries/not-a-uuid`)).status).toBe(400);
  });

  it('refuses a retry whose body nests 2,000 or 5,000 levels (400 JSON_TOO_DEEP) or is not JSON (415), retrying nothing', async () => {
    const failed = await deliver(koiosRequest({ device: { ...koiosRequest().device, vendorAccountRef: 'NOBODY9' } }));
    expect(failed.status).toBe('FAILED');
    const retry = `${svc.url}/v1/deliveries/${failed.deliveryId}/retry`;
    for (const depth of [2_000, 5_000]) {
      const res = await http('POST', retry, nestedJson(depth));
      expect({ depth, status: res.status, body: res.body }).toEqual({ depth, status: 400, body: { statusCode: 400, code: 'JSON_TOO_DEEP', message: 'body nests deeper than 32 levels' } });
    }
    for (const b of nonJsonBodies({ reason: 'fixed' })) {
      const res = await http('POST', retry, b.body, b.headers);
      expect({ type: b.type, status: res.status, code: res.body?.code }).toEqual({ type: b.type, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    }
    expect((await getDelivery(failed.deliveryId)).status).toBe('FAILED');
    // 32 levels reach the route (which takes no body): an unknown delivery is its 404.
    expect(await http('POST', `${svc.url}/v1/deliveries/${randomUUID()}/retry`, nestedJson(32))).toMatchObject({ status: 404 });
  });

  it('counts attempts and vendor calls in /metrics', async () => {
    const metrics = (await http('GET', `${svc.url}/metrics`)).text;
    expect(metrics).toMatch(/limye_meter_delivery_attempts_total\{[^}]*driver="sparkmeter-koios-v1"[^}]*outcome="delivered"/);
    expect(metrics).toMatch(/limye_outbound_requests_total\{[^}]*system="sparkmeter-koios-v1",method="POST",route="\/api\/v1\/payments",outcome="2xx"[,}]/);
    expect(metrics).toMatch(/limye_outbound_request_duration_seconds_count\{[^}]*system="sparkmeter-koios-v1",method="GET",route="\/api\/v1\/payments\?external_id=\{paymentId\}"/);
    expect(metrics).toMatch(/limye_outbound_breaker_state\{[^}]*system="sparkmeter-thundercloud-v0"[^}]*\} 0/);
    // Route templates only: no payment id (a UUID) in any outbound label.
    expect(metrics.split('\n').filter((l) => l.startsWith('limye_outbound_')).join('\n')).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(metrics).not.toMatch(/test-key|test-secret|test-token/);
  });

  describe('tenancy', () => {
    it("refuses a request whose header and payload name different organisations, or that has no header, storing nothing", async () => {
      const req = koiosRequest();
      await expect(sendAs(client, Subjects.meterDeliveryRequest, req, ORG_B)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(sendAs(client, Subjects.meterDeliveryRequest, { ...req, organisationId: ORG_B }, DEFAULT_ORGANISATION_ID)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(client.request(Subjects.meterDeliveryRequest, req, 10000)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(await sim.sparkmeter.requestsFor(req.paymentId)).toHaveLength(0);
      const rows = await svc.app.get(DataSource).query(`SELECT id FROM deliveries WHERE payment_id = $1`, [req.paymentId]);
      expect(rows).toEqual([]);
    });

    it("keeps two organisations' deliveries apart: same payment id and meter code, each its own delivery; another's id is a 404", async () => {
      const mine = koiosRequest();
      const theirs = { ...mine, organisationId: ORG_B, customerId: randomUUID() };
      const a = await deliver(mine);
      const b = await deliver(theirs);
      expect(a.deliveryId).not.toBe(b.deliveryId);
      // Not a conflict: the other organisation's delivery for that payment id is not this one's business.
      expect(b.status).toBe('DELIVERED');
      const rows = await svc.app.get(DataSource).query(`SELECT organisation_id FROM deliveries WHERE payment_id = $1 ORDER BY organisation_id`, [mine.paymentId]);
      expect(rows.map((r: { organisation_id: string }) => r.organisation_id)).toEqual([DEFAULT_ORGANISATION_ID, ORG_B]);

      // The default organisation's operator (http() signs in as its owner) sees only its own.
      expect((await http('GET', `${svc.url}/v1/deliveries/${a.deliveryId}`)).status).toBe(200);
      const other = await http('GET', `${svc.url}/v1/deliveries/${b.deliveryId}`);
      expect(other).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
      expect(JSON.stringify(other.body)).not.toContain(theirs.customerId);
      expect((await http('POST', `${svc.url}/v1/deliveries/${b.deliveryId}/retry`)).status).toBe(404);
      const listed = (await http('GET', `${svc.url}/v1/deliveries?paymentId=${mine.paymentId}`)).body.items;
      expect(listed.map((d: { id: string }) => d.id)).toEqual([a.deliveryId]);

      // A retry over NATS is for the message's organisation too.
      await expect(sendAs(client, Subjects.meterDeliveryRetry, { organisationId: DEFAULT_ORGANISATION_ID, deliveryId: b.deliveryId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });

  it('has migrations that match its entities', async () => {
    expect(await pendingSchemaChanges(svc.app.get(DataSource))).toEqual([]);
  });
});

describe('meter-adapter giving up (DELIVERY_MAX_ATTEMPTS=3)', () => {
  let sim: RunningSimulators;
  let svc: InProcessService;
  let client: NatsRpcClient;
  const deliver = (req: DeliveryRequest) => sendAs<DeliveryReply>(client, Subjects.meterDeliveryRequest, req);
  const getDelivery = async (id: string) => (await http('GET', `${svc.url}/v1/deliveries/${id}`)).body;

  beforeAll(async () => {
    sim = await startSparkMeter();
    svc = await startServiceInProcess(meterAdapterService, serviceEnv(sim, { DELIVERY_MAX_ATTEMPTS: '3' }));
    client = new NatsRpcClient(testInfra().natsUrl, 'test', 5000);
    await client.connect();
  });
  afterAll(async () => {
    await client?.onApplicationShutdown();
    await svc?.close();
    await sim?.close();
  });

  it('gives up after the last attempt when the vendor keeps refusing for sure (401)', async () => {
    await sim.faults.set('koios', { mode: 'status', status: 401 });
    const req = koiosRequest();
    const first = await deliver(req);
    expect(first.status).toBe('PENDING');
    const failed = await eventually(async () => {
      const d = await getDelivery(first.deliveryId);
      return d.status === 'FAILED' ? d : null;
    });
    expect(failed).toMatchObject({ attempts: 3, failureCode: 'METER.GAVE_UP', reason: expect.stringMatching(/^gave up after 3 attempts: Koios refused the API key \(401/) });
    await sim.faults.clear();
  });

  it('never gives up while the outcome is unclear, and delivers a credit the vendor turns out to hold', async () => {
    await sim.faults.set('koios', { mode: 'error500_after_apply', count: 1, then: { mode: 'down' } });
    const req = koiosRequest();
    const first = await deliver(req);
    expect(first.status).toBe('UNKNOWN');
    await eventually(async () => (await getDelivery(first.deliveryId)).attempts >= 6);
    expect((await getDelivery(first.deliveryId)).status).toBe('UNKNOWN');
    await sim.faults.clear();
    await eventually(async () => (await getDelivery(first.deliveryId)).status === 'DELIVERED');
    expect(await sim.sparkmeter.creditsFor(req.paymentId)).toBe(1);
  });

  it('gives up past the last attempt only after a lookup shows nothing was credited', async () => {
    await sim.faults.set('koios', { mode: 'down' });
    const req = koiosRequest();
    const first = await deliver(req);
    await eventually(async () => (await getDelivery(first.deliveryId)).attempts >= 4);
    expect((await getDelivery(first.deliveryId)).status).toBe('UNKNOWN');
    await sim.faults.clear();
    const failed = await eventually(async () => {
      const d = await getDelivery(first.deliveryId);
      return d.status !== 'UNKNOWN' ? d : null;
    });
    expect(failed).toMatchObject({ status: 'FAILED', failureCode: 'METER.GAVE_UP', reason: expect.stringMatching(/^gave up after \d+ attempts: Koios has no payment/) });
    // The lookup decided: the credit was not sent again.
    expect((await sim.sparkmeter.requestsFor(req.paymentId)).filter((l) => l.startsWith('POST'))).toHaveLength(1);
    expect(await sim.sparkmeter.creditsFor(req.paymentId)).toBe(0);
  });
});
