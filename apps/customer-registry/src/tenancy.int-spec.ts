import { ErrorCodes, ResolvePayerReply, Subjects } from '@limye/contracts';
import { DEFAULT_ORGANISATION_ID, NatsRpcClient, RpcCallError } from '@limye/platform';
import { http, InProcessService, OTHER_ORGANISATION_ID, requestForOrganisation, startServiceInProcess, testInfra, testToken } from '@limye/testing';
import { customerRegistryService } from './customer-registry.service-definition';

/**
 * Two organisations with the same site id, phone, serial, account number and SparkMeter code: each sees,
 * changes and matches payers among its own customers only; another organisation's id is a 404.
 */
describe('customer-registry tenancy (real Postgres + NATS)', () => {
  let svc: InProcessService;
  let nats: NatsRpcClient;
  const A = DEFAULT_ORGANISATION_ID;
  const B = OTHER_ORGANISATION_ID;
  const shared = { phone: '37123456', serial: 'SM-TEN-1', accountNumber: 'TEN-0001', code: 'TEN1SHG', site: 'ten-site' };
  const customers: Record<string, { id: string; deviceId: string }> = {};

  const as = async (org: string) => ({ authorization: `Bearer ${await testToken({ organisationId: org, role: 'owner' })}` });
  const get = async (org: string, path: string) => http('GET', `${svc.url}${path}`, undefined, await as(org));
  const resolve = (org: string, payload: object, header?: string | null) =>
    requestForOrganisation<ResolvePayerReply>(nats, Subjects.registryPayerResolve, payload, org, header === undefined ? org : header);

  beforeAll(async () => {
    svc = await startServiceInProcess(customerRegistryService);
    nats = new NatsRpcClient(testInfra().natsUrl, 'tenancy-test', 3000);
    await nats.connect();
    for (const [org, name] of [[A, 'Site of A'], [B, 'Site of B']]) {
      const site = await http('POST', `${svc.url}/v1/sites`, { id: shared.site, name, country: 'HT', currency: 'HTG' }, await as(org));
      expect(site.status).toBe(201);
      const created = await http(
        'POST',
        `${svc.url}/v1/customers`,
        {
          name: `Customer of ${name}`,
          phone: shared.phone,
          accountNumber: shared.accountNumber,
          siteId: shared.site,
          devices: [{ type: 'meter', manufacturer: 'SparkMeter', serial: shared.serial, vendorAccountRef: shared.code }],
        },
        await as(org),
      );
      expect(created.status).toBe(201);
      customers[org] = { id: created.body.id, deviceId: created.body.devices[0].id };
    }
  });
  afterAll(async () => {
    await nats?.onApplicationShutdown();
    await svc?.close();
  });

  it('keeps each organisation its own site under the same id', async () => {
    expect((await get(A, `/v1/sites/${shared.site}`)).body.name).toBe('Site of A');
    expect((await get(B, `/v1/sites/${shared.site}`)).body.name).toBe('Site of B');
    const listed = await get(B, '/v1/sites');
    expect(listed.body.items.map((s: { id: string; name: string }) => [s.id, s.name])).toEqual([[shared.site, 'Site of B']]);
  });

  it("answers another organisation's customer with 404 on read and on change, and changes nothing", async () => {
    const other = customers[B].id;
    const read = await get(A, `/v1/customers/${other}`);
    expect(read.status).toBe(404);
    expect(read.text).not.toContain('Site of B');
    const patched = await http('PATCH', `${svc.url}/v1/customers/${other}`, { name: 'Taken over' }, await as(A));
    expect(patched.status).toBe(404);
    const device = await http('PATCH', `${svc.url}/v1/customers/${other}/devices/${customers[B].deviceId}`, { vendorAccountRef: 'X1' }, await as(A));
    expect(device.status).toBe(404);
    const own = await get(B, `/v1/customers/${other}`);
    expect(own.body).toMatchObject({ name: 'Customer of Site of B', devices: [expect.objectContaining({ vendorAccountRef: shared.code })] });
  });

  it("lists only the caller's customers, whatever the filter", async () => {
    for (const query of [`phone=${shared.phone}`, `serial=${shared.serial}`, `accountNumber=${shared.accountNumber}`, `siteId=${shared.site}`, '']) {
      for (const org of [A, B]) {
        const r = await get(org, `/v1/customers?${query}`);
        expect({ org, query, ids: r.body.items.map((c: { id: string }) => c.id) }).toEqual({ org, query, ids: [customers[org].id] });
      }
    }
  });

  it("still refuses a serial, account number or SparkMeter code taken within the organisation", async () => {
    const again = await http(
      'POST',
      `${svc.url}/v1/customers`,
      { name: 'Second', phone: shared.phone, siteId: shared.site, devices: [{ type: 'meter', manufacturer: 'SparkMeter', serial: shared.serial }] },
      await as(B),
    );
    expect(again.status).toBe(409);
    expect(again.body.code).toBe(ErrorCodes.registryDeviceSerialTaken);
    const code = await http(
      'POST',
      `${svc.url}/v1/customers`,
      { name: 'Third', phone: shared.phone, siteId: shared.site, devices: [{ type: 'meter', manufacturer: 'SparkMeter', serial: 'SM-TEN-2', vendorAccountRef: shared.code }] },
      await as(B),
    );
    expect(code.status).toBe(409);
    expect(code.body.code).toBe(ErrorCodes.registryVendorAccountTaken);
  });

  it("resolves a payer among the message's organisation's customers only, by account number, serial and phone", async () => {
    for (const org of [A, B]) {
      for (const payload of [{ accountNumber: shared.accountNumber }, { serial: shared.serial }, { phone: `509${shared.phone}` }]) {
        const reply = await resolve(org, payload);
        expect({ org, payload, outcome: reply.outcome, customer: reply.customer?.id, device: reply.device?.id }).toEqual({
          org, payload, outcome: 'matched', customer: customers[org].id, device: customers[org].deviceId,
        });
      }
    }
    const third = '00000000-0000-4000-8000-0000000000c3';
    expect((await resolve(third, { accountNumber: shared.accountNumber })).outcome).toBe('no_match');
  });

  it('refuses a resolve whose header and payload name other organisations, or that has no header', async () => {
    for (const header of [A, null]) {
      const err = await resolve(B, { accountNumber: shared.accountNumber }, header).then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(RpcCallError);
      expect((err as RpcCallError).code).toBe(ErrorCodes.forbidden);
    }
  });
});
