import { DataSource } from 'typeorm';
import { ResolvePayerReply, Subjects } from '@limye/contracts';
import { NatsRpcClient, RpcCallError } from '@limye/platform';
import {
  http, InProcessService, nestedJson, nonJsonBodies, pendingSchemaChanges, requestForOrganisation, startServiceInProcess, testInfra, testToken,
} from '@limye/testing';
import { customerRegistryService } from '../customer-registry.service-definition';
import { isValidAccountNumber } from './domain/account-number';

describe('customer-registry (real Postgres + NATS)', () => {
  let svc: InProcessService;
  let nats: NatsRpcClient;
  let ds: DataSource;

  // Unique Haitian mobile numbers (8 digits, starting with 3) and serials for each registration.
  let seq = 0;
  const nextHaitianPhone = () => `3${String(7000000 + ++seq)}`;
  const nextSerial = (prefix = 'SM') => `${prefix}-${String(++seq).padStart(5, '0')}`;

  const register = (body: Record<string, unknown>) => http('POST', `${svc.url}/v1/customers`, body);
  const resolve = (payload: object) => requestForOrganisation<ResolvePayerReply>(nats, Subjects.registryPayerResolve, payload);
  const count = async (table: 'customers' | 'devices') => (await ds.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;

  beforeAll(async () => {
    svc = await startServiceInProcess(customerRegistryService);
    ds = svc.app.get(DataSource);
    nats = new NatsRpcClient(testInfra().natsUrl, 'test', 3000);
    await nats.connect();
    const site = await http('POST', `${svc.url}/v1/sites`, { id: 'haiti-north', name: 'Haiti North', country: 'HT', currency: 'HTG' });
    expect(site.status).toBe(201);
  });
  afterAll(async () => {
    await nats?.onApplicationShutdown();
    await svc?.close();
  });

  describe('sites', () => {
    it('creates a site, answers a replay with 200 and refuses other values under the same id', async () => {
      const body = { id: 'kenya-west', name: 'Kenya West', country: 'KE', currency: 'KES' };
      const created = await http('POST', `${svc.url}/v1/sites`, body);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject(body);
      expect((await http('POST', `${svc.url}/v1/sites`, body)).status).toBe(200);
      const changed = await http('POST', `${svc.url}/v1/sites`, { ...body, currency: 'USD' });
      expect(changed.status).toBe(409);
      expect(changed.body.code).toBe('CONFLICT');
    });

    it('replaces a site with PUT and lists and reads sites', async () => {
      const put = await http('PUT', `${svc.url}/v1/sites/rwanda-east`, { name: 'Rwanda East', country: 'RW', currency: 'RWF' });
      expect(put.status).toBe(200);
      const renamed = await http('PUT', `${svc.url}/v1/sites/rwanda-east`, { name: 'Rwanda East 2', country: 'RW', currency: 'RWF' });
      expect(renamed.body.name).toBe('Rwanda East 2');
      expect((await http('GET', `${svc.url}/v1/sites/rwanda-east`)).body).toMatchObject({ id: 'rwanda-east', name: 'Rwanda East 2', country: 'RW', currency: 'RWF' });
      const list = await http('GET', `${svc.url}/v1/sites`);
      expect(list.body.items.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining(['haiti-north', 'rwanda-east']));
    });

    it('answers an unknown site with 404 and refuses bad codes naming the field', async () => {
      const missing = await http('GET', `${svc.url}/v1/sites/nowhere`);
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('REGISTRY.SITE_NOT_FOUND');
      const bad = await http('POST', `${svc.url}/v1/sites`, { id: 'Bad Id', name: 'x', country: 'XX', currency: 'htg' });
      expect(bad.status).toBe(400);
      expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['country', 'currency', 'id']);
    });
  });

  describe('registration', () => {
    it('registers a customer with two devices and finds them by id, local phone, serial and account number', async () => {
      const phone = nextHaitianPhone();
      const [serialA, serialB] = [nextSerial(), nextSerial('SHS')];
      const res = await register({
        name: 'Marie Joseph',
        phone: `${phone.slice(0, 4)} ${phone.slice(4)}`,
        siteId: 'haiti-north',
        devices: [
          { type: 'meter', manufacturer: 'sparkmeter', serial: serialA, vendorAccountRef: '0252SHG' },
          { type: 'shs', manufacturer: 'openpaygo', serial: serialB },
        ],
      });
      expect(res.status).toBe(201);
      const customer = res.body;
      expect(customer).toMatchObject({ name: 'Marie Joseph', phone: `+509${phone}`, siteId: 'haiti-north' });
      expect(customer.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(customer.accountNumber).toMatch(/^[1-9]\d{6}$/);
      expect(isValidAccountNumber(customer.accountNumber)).toBe(true);
      expect(new Date(customer.createdAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
      expect(customer.devices).toHaveLength(2);
      expect(customer.devices).toEqual(
        expect.arrayContaining([
          { id: expect.any(String), type: 'meter', manufacturer: 'sparkmeter', serial: serialA, vendorAccountRef: '0252SHG', siteId: 'haiti-north' },
          { id: expect.any(String), type: 'shs', manufacturer: 'openpaygo', serial: serialB, vendorAccountRef: null, siteId: 'haiti-north' },
        ]),
      );

      const byId = await http('GET', `${svc.url}/v1/customers/${customer.id}`);
      expect(byId.status).toBe(200);
      expect(byId.body).toEqual(customer);

      const byPhone = await http('GET', `${svc.url}/v1/customers?phone=${encodeURIComponent(`${phone.slice(0, 4)}-${phone.slice(4)}`)}`);
      expect(byPhone.status).toBe(200);
      expect(byPhone.body.items).toEqual([customer]);

      const bySerial = await http('GET', `${svc.url}/v1/customers?serial=${encodeURIComponent(` ${serialB.toLowerCase().replace('-', ' ')} `)}`);
      expect(bySerial.body.items.map((c: { id: string }) => c.id)).toEqual([customer.id]);

      const account = customer.accountNumber as string;
      const byAccount = await http('GET', `${svc.url}/v1/customers?accountNumber=${account.slice(0, 3)}-${account.slice(3)}&siteId=haiti-north`);
      expect(byAccount.body.items.map((c: { id: string }) => c.id)).toEqual([customer.id]);

      const none = await http('GET', `${svc.url}/v1/customers?serial=${serialA}&phone=%2B50940000000`);
      expect(none.body.items).toEqual([]);
    });

    it('gives every registration its own valid account number', async () => {
      const numbers: string[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await register({ name: 'A', phone: nextHaitianPhone(), devices: [{ type: 'ebike', manufacturer: 'openpaygo', serial: nextSerial('EB') }] });
        expect(res.status).toBe(201);
        numbers.push(res.body.accountNumber);
      }
      expect(new Set(numbers).size).toBe(3);
      expect(numbers.every(isValidAccountNumber)).toBe(true);
    });

    it('keeps the operator\'s account number and refuses it again in another spelling', async () => {
      const first = await register({ name: 'B', phone: nextHaitianPhone(), accountNumber: ' hn-0042 ', devices: [{ type: 'meter', manufacturer: 'steama', serial: nextSerial() }] });
      expect(first.status).toBe(201);
      expect(first.body.accountNumber).toBe('hn-0042');
      const byAccount = await http('GET', `${svc.url}/v1/customers?accountNumber=HN0042`);
      expect(byAccount.body.items.map((c: { id: string }) => c.id)).toEqual([first.body.id]);

      const before = await count('customers');
      const again = await register({ name: 'C', phone: nextHaitianPhone(), accountNumber: 'HN 0042', devices: [{ type: 'meter', manufacturer: 'steama', serial: nextSerial() }] });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('REGISTRY.ACCOUNT_NUMBER_TAKEN');
      expect(await count('customers')).toBe(before);
    });

    it('reads local phones in the site\'s country, else in REGISTRY_DEFAULT_COUNTRY (HT)', async () => {
      const kenyan = await register({ name: 'D', phone: '0712 345 678', siteId: 'kenya-west', devices: [{ type: 'shs', manufacturer: 'openpaygo', serial: nextSerial('KE') }] });
      expect(kenyan.status).toBe(201);
      expect(kenyan.body.phone).toBe('+254712345678');
      const noSite = await register({ name: 'E', phone: '0712 345 678', devices: [{ type: 'shs', manufacturer: 'openpaygo', serial: nextSerial('KE') }] });
      expect(noSite.status).toBe(400);
      expect(noSite.body.code).toBe('REGISTRY.INVALID_PHONE');
      const byKenyanPhone = await http('GET', `${svc.url}/v1/customers?phone=0712345678&country=KE`);
      expect(byKenyanPhone.body.items.map((c: { id: string }) => c.id)).toEqual([kenyan.body.id]);
    });

    it('refuses a serial that is already registered, in any spelling, and writes nothing', async () => {
      const serial = nextSerial();
      expect((await register({ name: 'F', phone: nextHaitianPhone(), devices: [{ type: 'meter', manufacturer: 'sparkmeter', serial }] })).status).toBe(201);
      const [customers, devices] = [await count('customers'), await count('devices')];
      const phone = nextHaitianPhone();
      const dup = await register({
        name: 'G',
        phone,
        devices: [
          { type: 'meter', manufacturer: 'sparkmeter', serial: nextSerial() },
          { type: 'meter', manufacturer: 'sparkmeter', serial: ` ${serial.toLowerCase().replace('-', ' ')}` },
        ],
      });
      expect(dup.status).toBe(409);
      expect(dup.body.code).toBe('REGISTRY.DEVICE_SERIAL_TAKEN');
      expect(dup.body.message).toContain(serial.replace('-', ''));
      expect(await count('customers')).toBe(customers);
      expect(await count('devices')).toBe(devices);
      expect(await ds.query(`SELECT id FROM customers WHERE phone = $1`, [`+509${phone}`])).toEqual([]);
    });

    it('refuses a vendor account (SparkMeter code) already another device\'s in the site, on registration and on PATCH', async () => {
      const first = await register({ name: 'H', phone: nextHaitianPhone(), siteId: 'haiti-north', devices: [{ type: 'meter', manufacturer: 'sparkmeter', serial: nextSerial(), vendorAccountRef: '0777VAU' }] });
      expect(first.status).toBe(201);
      const [customers, devices] = [await count('customers'), await count('devices')];
      const dup = await register({ name: 'I', phone: nextHaitianPhone(), siteId: 'haiti-north', devices: [{ type: 'meter', manufacturer: 'sparkmeter', serial: nextSerial(), vendorAccountRef: '0777VAU' }] });
      expect([dup.status, dup.body.code, dup.body.message]).toEqual([409, 'REGISTRY.VENDOR_ACCOUNT_TAKEN', "vendor account 0777VAU is already another device's in this site"]);
      expect([await count('customers'), await count('devices')]).toEqual([customers, devices]);
      // Another site may have its own 0777VAU (SparkMeter codes are per server).
      expect((await http('PUT', `${svc.url}/v1/sites/haiti-vau`, { name: 'Haiti VAU', country: 'HT', currency: 'HTG' })).status).toBeLessThan(300);
      expect((await register({ name: 'J', phone: nextHaitianPhone(), siteId: 'haiti-vau', devices: [{ type: 'meter', manufacturer: 'sparkmeter', serial: nextSerial(), vendorAccountRef: '0777VAU' }] })).status).toBe(201);
      const other = await register({ name: 'K', phone: nextHaitianPhone(), siteId: 'haiti-north', devices: [{ type: 'meter', manufacturer: 'sparkmeter', serial: nextSerial() }] });
      const moved = await http('PATCH', `${svc.url}/v1/customers/${other.body.id}/devices/${other.body.devices[0].id}`, { vendorAccountRef: '0777VAU' });
      expect([moved.status, moved.body.code]).toEqual([409, 'REGISTRY.VENDOR_ACCOUNT_TAKEN']);
    });

    it('answers null for a customer\'s name or phone in a PATCH with 400 naming it, not 500', async () => {
      const c = await register({ name: 'L', phone: nextHaitianPhone(), devices: [{ type: 'meter', manufacturer: 'sparkmeter', serial: nextSerial() }] });
      for (const field of ['name', 'phone']) {
        const res = await http('PATCH', `${svc.url}/v1/customers/${c.body.id}`, { [field]: null });
        expect([res.status, res.body.fields?.[0]?.field]).toEqual([400, field]);
      }
    });

    it('refuses the same serial twice in one registration', async () => {
      const serial = nextSerial();
      const res = await register({ name: 'H', phone: nextHaitianPhone(), devices: [{ type: 'meter', manufacturer: 'x', serial }, { type: 'shs', manufacturer: 'y', serial: serial.toLowerCase() }] });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('REGISTRY.DEVICE_SERIAL_TAKEN');
    });

    it('lets exactly one of several concurrent registrations of one serial win', async () => {
      const serial = nextSerial();
      const results = await Promise.all(
        Array.from({ length: 5 }, () => register({ name: 'I', phone: nextHaitianPhone(), devices: [{ type: 'meter', manufacturer: 'sparkmeter', serial }] })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
      expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'REGISTRY.DEVICE_SERIAL_TAKEN')).toBe(true);
      expect(await ds.query(`SELECT count(*)::int AS n FROM devices WHERE serial_normalized = $1`, [serial.replace('-', '')])).toEqual([{ n: 1 }]);
    });

    it('answers an unknown site with 422 REGISTRY.SITE_NOT_FOUND', async () => {
      const res = await register({ name: 'J', phone: nextHaitianPhone(), siteId: 'atlantis', devices: [{ type: 'meter', manufacturer: 'x', serial: nextSerial() }] });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('REGISTRY.SITE_NOT_FOUND');
    });

    it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
      const res = await http('POST', `${svc.url}/v1/customers`, '{"name": "K", "phone": ');
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('MALFORMED_JSON');
    });

    it.each([
      ['missing devices', { name: 'L', phone: '37001234' }, ['devices']],
      ['no devices', { name: 'L', phone: '37001234', devices: [] }, ['devices']],
      ['a bad device type', { name: 'L', phone: '37001234', devices: [{ type: 'kettle', manufacturer: 'x', serial: 'K1' }] }, ['devices.0.type']],
      ['a device without serial', { name: 'L', phone: '37001234', devices: [{ type: 'meter', manufacturer: 'x' }] }, ['devices.0.serial']],
      ['a blank name and an unknown field', { name: '  ', phone: '37001234', devices: [{ type: 'meter', manufacturer: 'x', serial: 'K1' }], pin: '1234' }, ['name', 'pin']],
    ])('answers %s with 400 naming the field', async (_label, body, fields) => {
      const before = await count('customers');
      const res = await register(body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(fields);
      expect(await count('customers')).toBe(before);
    });

    it('answers a bad phone with 400 REGISTRY.INVALID_PHONE naming the field', async () => {
      const res = await register({ name: 'M', phone: '12345', devices: [{ type: 'meter', manufacturer: 'x', serial: nextSerial() }] });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('REGISTRY.INVALID_PHONE');
      expect(res.body.fields).toEqual([{ field: 'phone', problems: [expect.stringContaining('not a valid phone number')] }]);
      const query = await http('GET', `${svc.url}/v1/customers?phone=abc`);
      expect(query.status).toBe(400);
      expect(query.body.code).toBe('REGISTRY.INVALID_PHONE');
    });

    it('answers an unknown customer with 404 and a malformed id with 400', async () => {
      const missing = await http('GET', `${svc.url}/v1/customers/7b0e0c8e-4a55-4c59-9b3e-2f7d7e0e9a11`);
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('REGISTRY.CUSTOMER_NOT_FOUND');
      const malformed = await http('GET', `${svc.url}/v1/customers/42`);
      expect(malformed.status).toBe(400);
      expect(malformed.body.fields.map((f: { field: string }) => f.field)).toEqual(['id']);
    });
  });

  describe('audit log', () => {
    const auditOf = (targetId: string) => ds.query(`SELECT * FROM audit_log WHERE target_id = $1 ORDER BY at, id`, [targetId]);

    it('records a registration and each PATCH with before and after, personal data masked', async () => {
      const phone = nextHaitianPhone();
      const serial = nextSerial();
      const created = await register({ name: 'Marie Joseph', phone, siteId: 'haiti-north', devices: [{ type: 'meter', manufacturer: 'SparkMeter', serial }] });
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      expect((await http('PATCH', `${svc.url}/v1/customers/${id}`, { name: 'Marie Claire Joseph' })).status).toBe(200);
      const device = created.body.devices[0].id as string;
      expect((await http('PATCH', `${svc.url}/v1/customers/${id}/devices/${device}`, { vendorAccountRef: 'AUD-1' })).status).toBe(200);

      const rows = await auditOf(id);
      expect(rows.map((r: { action: string }) => r.action)).toEqual(['customer.registered', 'customer.updated']);
      expect(rows[0]).toMatchObject({ target_type: 'customer', before: null, after: { id, name: 'M. J.', phone: `+509*****${phone.slice(-3)}`, accountNumber: created.body.accountNumber } });
      expect(rows[1]).toMatchObject({ before: { name: 'M. J.' }, after: { name: 'M. C. J.' } });
      expect(JSON.stringify(rows)).not.toMatch(/Marie|Joseph/);
      expect(JSON.stringify(rows)).not.toContain(phone.slice(1, 6));
      const [deviceRow] = await auditOf(device);
      expect(deviceRow).toMatchObject({ action: 'device.updated', before: { vendorAccountRef: null }, after: { vendorAccountRef: 'AUD-1', serial } });
    });

    it('writes no audit row for a registration that was refused', async () => {
      const serial = nextSerial();
      expect((await register({ name: 'First', phone: nextHaitianPhone(), devices: [{ type: 'meter', manufacturer: 'SparkMeter', serial }] })).status).toBe(201);
      const before = (await ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'customer.registered'`))[0].n;
      const refused = await register({ name: 'Second', phone: nextHaitianPhone(), devices: [{ type: 'meter', manufacturer: 'SparkMeter', serial }] });
      expect(refused.status).toBe(409);
      expect((await ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'customer.registered'`))[0].n).toBe(before);
    });

    it('names the verified caller and serves GET /v1/audit to owners and admins of that organisation only', async () => {
      const bearer = async (opts: Parameters<typeof testToken>[0]) => ({ authorization: `Bearer ${await testToken(opts)}` });
      const fieldUser = await bearer({ role: 'field', subject: 'field-audit-1' });
      const created = await http('POST', `${svc.url}/v1/customers`, { name: 'Jean Pierre', phone: nextHaitianPhone(), devices: [{ type: 'meter', manufacturer: 'SparkMeter', serial: nextSerial() }] }, fieldUser);
      expect(created.status).toBe(201);
      const byKey = await http('PATCH', `${svc.url}/v1/customers/${created.body.id}`, { name: 'Jean-Pierre' }, await bearer({ role: 'admin', subject: 'key-audit-1', actorKind: 'api_key' }));
      expect(byKey.status).toBe(200);

      const list = (query: string, headers: Record<string, string>) => http('GET', `${svc.url}/v1/audit${query}`, undefined, headers);
      const mine = await list(`?actor=field-audit-1`, await bearer({ role: 'owner' }));
      expect(mine.status).toBe(200);
      expect(mine.body.items).toEqual([
        expect.objectContaining({ actorKind: 'user', actorId: 'field-audit-1', action: 'customer.registered', targetId: created.body.id, organisationId: '00000000-0000-4000-8000-000000000001' }),
      ]);
      const updates = await list(`?action=customer.updated&actor=key-audit-1`, await bearer({ role: 'admin' }));
      expect(updates.body.items).toEqual([expect.objectContaining({ actorKind: 'api_key', actorId: 'key-audit-1', before: expect.objectContaining({ name: 'J. P.' }), after: expect.objectContaining({ name: 'J.' }) })]);

      // Another organisation's owner sees none of these rows; roles below admin and callers without a token get nothing.
      const other = await list('?limit=500', await bearer({ role: 'owner', organisationId: '0c000000-0000-4000-8000-00000000000c' }));
      expect(other.status).toBe(200);
      expect(other.body.items).toEqual([]);
      for (const role of ['viewer', 'field', 'finance', 'programme']) {
        const refused = await list('', await bearer({ role: role as 'viewer' }));
        expect(refused.status).toBe(403);
        expect(refused.body.code).toBe('FORBIDDEN');
      }
      expect((await list('', { authorization: '' })).status).toBe(401);
      expect((await list('?from=tomorrow', await bearer({ role: 'owner' }))).body).toMatchObject({ statusCode: 400, fields: [{ field: 'from' }] });
    });

    it('records a new site and a PUT that changes it, the site name kept', async () => {
      expect((await http('PUT', `${svc.url}/v1/sites/audit-site`, { name: 'Audit Site', country: 'HT', currency: 'HTG' })).status).toBe(200);
      expect((await http('PUT', `${svc.url}/v1/sites/audit-site`, { name: 'Audit Site 2', country: 'HT', currency: 'HTG' })).status).toBe(200);
      const rows = await auditOf('audit-site');
      expect(rows.map((r: { action: string }) => r.action)).toEqual(['site.registered', 'site.updated']);
      expect(rows[1]).toMatchObject({ before: { name: 'Audit Site' }, after: { name: 'Audit Site 2' } });
    });
  });

  describe('payer resolution over NATS', () => {
    type Registered = { id: string; accountNumber: string; phone: string; devices: Array<{ id: string; type: string; serial: string }> };
    let single: Registered;
    let double: Registered;

    beforeAll(async () => {
      const one = await register({ name: 'Jean Pierre', phone: nextHaitianPhone(), siteId: 'haiti-north', devices: [{ type: 'meter', manufacturer: 'sparkmeter', serial: nextSerial(), vendorAccountRef: '0300ABC' }] });
      const two = await register({
        name: 'Rose Pierre',
        phone: nextHaitianPhone(),
        siteId: 'haiti-north',
        devices: [
          { type: 'meter', manufacturer: 'sparkmeter', serial: nextSerial() },
          { type: 'ebike', manufacturer: 'openpaygo', serial: nextSerial('EB') },
        ],
      });
      expect([one.status, two.status]).toEqual([201, 201]);
      single = one.body;
      double = two.body;
    });

    it('matches by account number a customer with one device', async () => {
      const reply = await resolve({ accountNumber: single.accountNumber });
      expect(reply).toEqual({
        outcome: 'matched',
        matchedBy: 'accountNumber',
        customer: { id: single.id, name: 'Jean Pierre', accountNumber: single.accountNumber, siteId: 'haiti-north' },
        device: { id: single.devices[0].id, type: 'meter', manufacturer: 'sparkmeter', serial: single.devices[0].serial, vendorAccountRef: '0300ABC', siteId: 'haiti-north' },
      });
    });

    it('does not guess between the devices of a customer found by account number', async () => {
      const reply = await resolve({ accountNumber: double.accountNumber });
      expect(reply.outcome).toBe('ambiguous');
      expect(reply.reason).toContain('customer has 2 devices; pay with a device serial');
      expect(reply.device).toBeUndefined();
    });

    it('matches by serial in any spelling', async () => {
      const ebike = double.devices.find((d) => d.type === 'ebike');
      const reply = await resolve({ serial: ebike?.serial.toLowerCase().replace('-', ' ') });
      expect(reply).toMatchObject({ outcome: 'matched', matchedBy: 'serial', customer: { id: double.id }, device: { id: ebike?.id, type: 'ebike' } });
    });

    it('matches by phone in the form MonCash sends (509…)', async () => {
      const reply = await resolve({ phone: single.phone.slice(1) });
      expect(reply).toMatchObject({ outcome: 'matched', matchedBy: 'phone', customer: { id: single.id }, device: { id: single.devices[0].id } });
      expect(reply.reason).toBeUndefined();
    });

    it('falls back to the phone when the account number is unknown, and says so', async () => {
      const reply = await resolve({ accountNumber: '9999999', phone: single.phone.slice(1) });
      expect(reply).toMatchObject({ outcome: 'matched', matchedBy: 'phone', customer: { id: single.id }, device: { id: single.devices[0].id } });
      expect(reply.reason).toBe(`account number 9999999: no customer found; matched by phone +509*****${single.phone.slice(-3)}`);
    });

    it('calls a phone with several devices ambiguous, for one customer or several', async () => {
      const oneCustomer = await resolve({ phone: double.phone });
      expect(oneCustomer.outcome).toBe('ambiguous');
      expect(oneCustomer.reason).toContain('customer has 2 devices');

      const shared = nextHaitianPhone();
      for (const name of ['N', 'O']) {
        expect((await register({ name, phone: shared, devices: [{ type: 'shs', manufacturer: 'openpaygo', serial: nextSerial('SHS') }] })).status).toBe(201);
      }
      const twoCustomers = await resolve({ phone: `509${shared}` });
      expect(twoCustomers).toEqual({ outcome: 'ambiguous', reason: `phone +509*****${shared.slice(-3)}: 2 customers with 2 devices match; pay with an account number or a device serial` });
    });

    it('answers no_match when nothing is found, naming each identifier it tried', async () => {
      const reply = await resolve({ accountNumber: '1234567', serial: 'NOPE-1', phone: '+50940000001' });
      expect(reply).toEqual({
        outcome: 'no_match',
        reason: 'account number 1234567: no customer found; serial NOPE1: no customer found; phone +509*****001: no customer found',
      });
      expect(await resolve({ phone: 'not a phone' })).toMatchObject({ outcome: 'no_match' });
    });

    it.each([
      ['an empty payload', {}],
      ['only a country', { country: 'HT' }],
      ['a number where a string belongs', { accountNumber: 1000009 }],
      ['an unknown field', { accountNumber: '1000009', amount: 5 }],
    ])('refuses %s with VALIDATION_FAILED', async (_label, payload) => {
      const err = await resolve(payload).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RpcCallError);
      expect((err as RpcCallError).code).toBe('VALIDATION_FAILED');
    });
  });

  describe('request bodies the platform refuses before validation', () => {
    it.each([2_000, 5_000])('refuses a JSON body nested %i levels deep with 400 JSON_TOO_DEEP, registering nothing', async (depth) => {
      const before = await count('customers');
      const res = await http('POST', `${svc.url}/v1/customers`, nestedJson(depth));
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ statusCode: 400, code: 'JSON_TOO_DEEP', message: 'body nests deeper than 32 levels' });
      expect(await count('customers')).toBe(before);
    });

    it('lets a body nested 32 levels through to validation, which names the unknown field', async () => {
      const res = await http('POST', `${svc.url}/v1/customers`, nestedJson(32));
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.fields.map((f: { field: string }) => f.field)).toContain('x');
    });

    it('answers a PATCH of a customer with text/plain, XML, multipart or no Content-Type with 415, changing nothing', async () => {
      const created = await register({ name: 'Rose Pierre', phone: nextHaitianPhone(), devices: [{ type: 'shs', manufacturer: 'openpaygo', serial: nextSerial('SHS') }] });
      expect(created.status).toBe(201);
      const url = `${svc.url}/v1/customers/${created.body.id}`;
      for (const b of nonJsonBodies({ name: 'Changed Name', phone: nextHaitianPhone() })) {
        const res = await http('PATCH', url, b.body, b.headers);
        expect({ type: b.type, status: res.status, code: res.body?.code, accepted: res.body?.accepted }).toEqual({
          type: b.type,
          status: 415,
          code: 'UNSUPPORTED_MEDIA_TYPE',
          accepted: ['application/json'],
        });
        expect(res.body.message).toMatch(/^body must be application\/json/);
      }
      expect((await http('GET', url)).body).toEqual(created.body);
      // The same change as JSON is made.
      const patched = await http('PATCH', url, { name: 'Changed Name' });
      expect(patched.status).toBe(200);
      expect(patched.body.name).toBe('Changed Name');
    });

    it('answers a PUT of a site or a POST of a customer in another type with 415, changing nothing', async () => {
      const site = { name: 'Haiti South', country: 'HT', currency: 'HTG' };
      expect((await http('PUT', `${svc.url}/v1/sites/haiti-south`, site)).status).toBe(200);
      for (const b of nonJsonBodies({ name: 'Renamed', country: 'HT', currency: 'HTG' })) {
        expect({ type: b.type, status: (await http('PUT', `${svc.url}/v1/sites/haiti-south`, b.body, b.headers)).status }).toEqual({ type: b.type, status: 415 });
      }
      expect((await http('GET', `${svc.url}/v1/sites/haiti-south`)).body).toMatchObject(site);
      const before = await count('customers');
      const form = await http('POST', `${svc.url}/v1/customers`, new URLSearchParams({ name: 'Form Person', phone: nextHaitianPhone() }));
      expect(form.status).toBe(415);
      expect(await count('customers')).toBe(before);
    });
  });

  it('has migrations that match its entities', async () => {
    expect(await pendingSchemaChanges(ds)).toEqual([]);
  });
});
