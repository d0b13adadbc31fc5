import { DataSource } from 'typeorm';
import { authHeader, http, InProcessService, nestedJson, nonJsonBodies, pendingSchemaChanges, startServiceInProcess, testToken } from '@limye/testing';
import { eligibilityService } from '../eligibility.service-definition';
import { RunningSimulators, startSimulators } from '@limye/simulators/testing';
import { adminClient, programmeTestEnv } from './testing/programme-test.helpers';

describe('programme admin API (real Postgres + NATS)', () => {
  let sim: RunningSimulators;
  let svc: InProcessService;
  let admin: ReturnType<typeof adminClient>;

  beforeAll(async () => {
    sim = await startSimulators({ only: ['rwanda'] });
    svc = await startServiceInProcess(eligibilityService, programmeTestEnv(sim, { RBF_BUDGETS_RWF: '1:1000000, 3:250000' }));
    admin = adminClient(svc.url);
  });
  afterAll(async () => {
    await svc?.close();
    await sim?.close();
  });

  it('has migrations that match its entities', async () => {
    expect(await pendingSchemaChanges(svc.app.get(DataSource))).toEqual([]);
  });

  const adminRoutes = [
    ['GET', '/v1/companies'],
    ['POST', '/v1/companies'],
    ['GET', '/v1/agents'],
    ['GET', '/v1/budgets'],
    ['PUT', '/v1/budgets/1'],
    ['GET', '/v1/sales'],
    ['GET', '/v1/rules'],
    ['GET', '/v1/reports/ussd-requests.csv?from=2026-01-01&to=2026-01-01'],
  ];

  it('refuses callers without a token, with the old admin key alone, or with a bad token, with 401 UNAUTHORIZED', async () => {
    const attempts: Array<Record<string, string>> = [
      { authorization: '' },
      { authorization: '', 'x-api-key': 'dev-admin-key' },
      { authorization: `Bearer ${await testToken({ role: 'programme', expiresIn: -3600 })}` },
    ];
    for (const headers of attempts) {
      for (const [method, path] of adminRoutes) {
        const res = await http(method, `${svc.url}${path}`, method === 'GET' ? undefined : {}, headers);
        expect({ path, status: res.status, code: res.body?.code }).toEqual({ path, status: 401, code: 'UNAUTHORIZED' });
      }
    }
  });

  it('is for the programme, owner and admin: field and finance users are 403; a viewer reads but changes nothing', async () => {
    for (const role of ['field', 'finance']) {
      for (const [method, path] of adminRoutes) {
        const res = await http(method, `${svc.url}${path}`, method === 'GET' ? undefined : {}, await authHeader({ role }));
        expect({ role, path, status: res.status, code: res.body?.code }).toEqual({ role, path, status: 403, code: 'FORBIDDEN' });
      }
    }
    const viewer = await authHeader({ role: 'viewer' });
    expect((await http('GET', `${svc.url}/v1/rules`, undefined, viewer)).status).toBe(200);
    expect((await http('POST', `${svc.url}/v1/companies`, { code: 'VIEWERCO', name: 'Viewer Co' }, viewer)).status).toBe(403);
    expect((await http('POST', `${svc.url}/v1/companies`, { code: 'OWNERCO', name: 'Owner Co' }, await authHeader({ role: 'owner' }))).status).toBe(201);
  });

  it('creates, lists, reads and updates companies; a duplicate code is 409', async () => {
    const created = await admin.post('/v1/companies', { code: ' solarco ', name: 'Solar Co' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 'SOLARCO', name: 'Solar Co', active: true });
    const id = created.body.id;

    const dup = await admin.post('/v1/companies', { code: 'SOLARCO', name: 'Other' });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('ELIGIBILITY.COMPANY_CODE_TAKEN');

    expect((await admin.get(`/v1/companies/${id}`)).body).toMatchObject({ id, code: 'SOLARCO' });
    expect((await admin.get('/v1/companies')).body.items.map((c: { code: string }) => c.code)).toContain('SOLARCO');

    const patched = await admin.patch(`/v1/companies/${id}`, { name: 'Solar Company', active: false });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'Solar Company', active: false, code: 'SOLARCO' });

    expect((await admin.get('/v1/companies/8d0c5a43-0000-4000-8000-000000000000')).status).toBe(404);
    const badId = await admin.get('/v1/companies/not-a-uuid');
    expect(badId.status).toBe(400);
    expect(badId.body.fields.map((f: { field: string }) => f.field)).toEqual(['id']);
  });

  it('validates company and product bodies, naming every bad field', async () => {
    const bad = await admin.post('/v1/companies', { code: 'has space', name: '', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['code', 'extra', 'name']);
    // Only ASCII is upper-cased: 'ß' must not become the valid code 'SS'.
    for (const code of ['ß', 'qaı', 'ﬀ']) expect((await admin.post('/v1/companies', { code, name: 'x' })).body.fields?.[0]?.field).toBe('code');

    const company = (await admin.post('/v1/companies', { code: 'PRODTEST', name: 'Products test' })).body;
    const badProduct = await admin.post(`/v1/companies/${company.id}/products`, { code: 'SHS', name: 'x', priceRwf: 1.5, incentiveCapRwf: '100' });
    expect(badProduct.status).toBe(400);
    expect(badProduct.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['incentiveCapRwf', 'priceRwf']);
    const zero = await admin.post(`/v1/companies/${company.id}/products`, { code: 'SHS', name: 'x', priceRwf: 0, incentiveCapRwf: 2 ** 53 });
    expect(zero.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['incentiveCapRwf', 'priceRwf']);
  });

  it('creates, lists and updates products; a code twice in one company is 409, in another company fine', async () => {
    const a = (await admin.post('/v1/companies', { code: 'COMPA', name: 'A' })).body;
    const b = (await admin.post('/v1/companies', { code: 'COMPB', name: 'B' })).body;
    const p = await admin.post(`/v1/companies/${a.id}/products`, { code: 'shs-50w', name: 'SHS 50 W', priceRwf: 115000, incentiveCapRwf: 100000 });
    expect(p.status).toBe(201);
    expect(p.body).toMatchObject({ companyId: a.id, code: 'SHS-50W', priceRwf: 115000, incentiveCapRwf: 100000, active: true });
    expect((await admin.post(`/v1/companies/${a.id}/products`, { code: 'SHS-50W', name: 'again', priceRwf: 1, incentiveCapRwf: 1 })).status).toBe(409);
    expect((await admin.post(`/v1/companies/${b.id}/products`, { code: 'SHS-50W', name: 'B one', priceRwf: 90000, incentiveCapRwf: 80000 })).status).toBe(201);
    expect((await admin.post(`/v1/companies/8d0c5a43-0000-4000-8000-000000000000/products`, { code: 'X', name: 'x', priceRwf: 1, incentiveCapRwf: 1 })).status).toBe(404);

    const list = await admin.get(`/v1/companies/${a.id}/products`);
    expect(list.body.items).toHaveLength(1);

    const patched = await admin.patch(`/v1/products/${p.body.id}`, { priceRwf: 120000, active: false });
    expect(patched.body).toMatchObject({ priceRwf: 120000, incentiveCapRwf: 100000, active: false, name: 'SHS 50 W' });
    expect((await admin.patch(`/v1/products/${p.body.id}`, { priceRwf: -1 })).status).toBe(400);
    // null is not "leave as is": a 400 naming the field, nothing changed.
    const nulled = await admin.patch(`/v1/products/${p.body.id}`, { priceRwf: null, name: 'kept?' });
    expect(nulled.status).toBe(400);
    expect(nulled.body.fields.map((f: { field: string }) => f.field)).toEqual(['priceRwf']);
    expect((await admin.patch(`/v1/products/${p.body.id}`, { active: null })).status).toBe(400);
    expect((await admin.patch('/v1/products/8d0c5a43-0000-4000-8000-000000000000', { name: 'x' })).status).toBe(404);
  });

  it('refuses an incentive cap above the price (400 naming incentiveCapRwf), on create and on PATCH against the stored value', async () => {
    const c = (await admin.post('/v1/companies', { code: 'CAPTEST', name: 'Cap test' })).body;
    const tooHigh = await admin.post(`/v1/companies/${c.id}/products`, { code: 'LAMP', name: 'Lamp', priceRwf: 20000, incentiveCapRwf: 20001 });
    expect(tooHigh.status).toBe(400);
    expect(tooHigh.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', fields: [{ field: 'incentiveCapRwf', problems: [expect.stringMatching(/priceRwf \(20000 RWF\)/)] }] });
    expect((await admin.get(`/v1/companies/${c.id}/products`)).body.items).toHaveLength(0);

    const p = await admin.post(`/v1/companies/${c.id}/products`, { code: 'LAMP', name: 'Lamp', priceRwf: 20000, incentiveCapRwf: 20000 });
    expect(p.status).toBe(201);
    const id = p.body.id;
    const fieldsOf = (r: { body: { fields?: Array<{ field: string }> } }) => r.body.fields?.map((f) => f.field);

    // Only the cap: compared with the stored price.
    const capOnly = await admin.patch(`/v1/products/${id}`, { incentiveCapRwf: 25000 });
    expect(capOnly.status).toBe(400);
    expect(fieldsOf(capOnly)).toEqual(['incentiveCapRwf']);
    // Only the price: compared with the stored cap.
    const priceOnly = await admin.patch(`/v1/products/${id}`, { priceRwf: 19999, name: 'renamed' });
    expect(priceOnly.status).toBe(400);
    expect(fieldsOf(priceOnly)).toEqual(['incentiveCapRwf']);
    // Both, one against the other.
    expect((await admin.patch(`/v1/products/${id}`, { priceRwf: 30000, incentiveCapRwf: 30001 })).status).toBe(400);
    // Nothing of the refused PATCHes was applied.
    expect((await admin.get(`/v1/companies/${c.id}/products`)).body.items[0]).toMatchObject({ name: 'Lamp', priceRwf: 20000, incentiveCapRwf: 20000 });

    const both = await admin.patch(`/v1/products/${id}`, { priceRwf: 30000, incentiveCapRwf: 25000 });
    expect(both.status).toBe(200);
    expect(both.body).toMatchObject({ priceRwf: 30000, incentiveCapRwf: 25000, name: 'Lamp' });
    expect((await admin.patch(`/v1/products/${id}`, { priceRwf: 25000 })).body).toMatchObject({ priceRwf: 25000, incentiveCapRwf: 25000 });
    expect((await admin.patch(`/v1/products/${id}`, { incentiveCapRwf: 1000 })).body).toMatchObject({ priceRwf: 25000, incentiveCapRwf: 1000 });

    // A product stored before this rule with a cap above its price can still be renamed or switched off.
    await svc.app.get(DataSource).query(`UPDATE products SET incentive_cap_rwf = price_rwf + 1 WHERE id = $1`, [id]);
    const off = await admin.patch(`/v1/products/${id}`, { active: false, name: 'Old lamp' });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ active: false, name: 'Old lamp', incentiveCapRwf: 25001 });
    expect((await admin.patch('/v1/products/8d0c5a43-0000-4000-8000-000000000000', { incentiveCapRwf: 5 })).status).toBe(404);
  });

  it('creates agents from E.164 or Rwandan local phones, never showing the PIN; validates and refuses duplicates', async () => {
    const c1 = (await admin.post('/v1/companies', { code: 'AGCO1', name: 'Agent co 1' })).body;
    const c2 = (await admin.post('/v1/companies', { code: 'AGCO2', name: 'Agent co 2' })).body;
    const created = await admin.post('/v1/agents', { phone: '0788 123 456', name: 'Aline', pin: '4821', companyIds: [c1.id, c2.id] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ phone: '+250788123456', name: 'Aline', active: true, failedPinAttempts: 0, lockedUntil: null });
    expect(created.body.companies.map((c: { code: string }) => c.code)).toEqual(['AGCO1', 'AGCO2']);
    expect(JSON.stringify(created.body)).not.toMatch(/pinHash|pin_hash|"pin"|4821|scrypt/i);

    const dup = await admin.post('/v1/agents', { phone: '+250788123456', name: 'Other', pin: '1111', companyIds: [c1.id] });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('ELIGIBILITY.AGENT_PHONE_TAKEN');

    const bad = await admin.post('/v1/agents', { phone: '0788', name: 'X', pin: '12', companyIds: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['companyIds', 'phone', 'pin']);
    const badPhone = await admin.post('/v1/agents', { phone: '0788 12', name: 'X', pin: '1234', companyIds: [c1.id] });
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.fields).toEqual([{ field: 'phone', problems: [expect.stringMatching(/Rwandan/)] }]);
    const unknownCompany = await admin.post('/v1/agents', { phone: '0788000111', name: 'X', pin: '1234', companyIds: ['8d0c5a43-0000-4000-8000-000000000000'] });
    expect(unknownCompany.status).toBe(400);
    expect(unknownCompany.body.fields[0].field).toBe('companyIds');
    expect((await admin.get('/v1/agents')).body.items.some((a: { phone: string }) => a.phone === '+250788000111')).toBe(false);

    const id = created.body.id;
    const patched = await admin.patch(`/v1/agents/${id}`, { name: 'Aline U.', companyIds: [c2.id], active: false });
    expect(patched.body).toMatchObject({ name: 'Aline U.', active: false });
    expect(patched.body.companies.map((c: { code: string }) => c.code)).toEqual(['AGCO2']);
    expect((await admin.get(`/v1/agents/${id}`)).body.name).toBe('Aline U.');
    expect((await admin.patch(`/v1/agents/${id}`, { unlock: false })).status).toBe(400);
    for (const field of ['name', 'active', 'pin', 'companyIds']) {
      const res = await admin.patch(`/v1/agents/${id}`, { [field]: null });
      expect([res.status, res.body.fields?.[0]?.field]).toEqual([400, field]);
    }
    expect((await admin.get(`/v1/agents/${id}`)).body).toMatchObject({ name: 'Aline U.', active: false });
    // A NUL character (PostgreSQL cannot store it) is a 400 naming the field, not a 500.
    const nul = await admin.patch(`/v1/agents/${id}`, { name: 'Ali\u0000ne' });
    expect([nul.status, nul.body.fields?.[0]?.field]).toEqual([400, 'name']);
    expect((await admin.get('/v1/agents/8d0c5a43-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('seeds budgets from RBF_BUDGETS_RWF and lets staff set totals, never below reserved + spent', async () => {
    const list = await admin.get('/v1/budgets');
    expect(list.body).toEqual([
      { tier: 1, totalRwf: 1000000, reservedRwf: 0, spentRwf: 0, availableRwf: 1000000 },
      { tier: 3, totalRwf: 250000, reservedRwf: 0, spentRwf: 0, availableRwf: 250000 },
    ]);
    const put = await admin.put('/v1/budgets/2', { totalRwf: 500000 });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ tier: 2, totalRwf: 500000, reservedRwf: 0, spentRwf: 0, availableRwf: 500000 });

    await svc.app.get(DataSource).query(`UPDATE budgets SET reserved_rwf = 100000, spent_rwf = 50000 WHERE tier = 2`);
    const noPercent = await admin.put('/v1/budgets/7', { totalRwf: 1000 });
    expect([noPercent.status, noPercent.body.fields]).toEqual([400, [{ field: 'tier', problems: ['tier 7 has no incentive percent in RBF_INCENTIVE_PERCENT'] }]]);
    const badTier = await admin.put('/v1/budgets/abc', { totalRwf: 1000 });
    expect(badTier.body.fields).toEqual([{ field: 'tier', problems: ['tier must be a whole number 1..9'] }]);
    const below = await admin.put('/v1/budgets/2', { totalRwf: 149999 });
    expect(below.status).toBe(409);
    expect(below.body).toMatchObject({ code: 'ELIGIBILITY.BUDGET_BELOW_COMMITTED', committedRwf: 150000 });
    expect((await admin.put('/v1/budgets/2', { totalRwf: 150000 })).body.availableRwf).toBe(0);

    expect((await admin.put('/v1/budgets/0', { totalRwf: 1 })).status).toBe(400);
    expect((await admin.put('/v1/budgets/x', { totalRwf: 1 })).body.fields[0].field).toBe('tier');
    expect((await admin.put('/v1/budgets/1', { totalRwf: -5 })).body.fields[0].field).toBe('totalRwf');
  });

  it('a restart with RBF_BUDGETS_RWF does not overwrite a managed budget', async () => {
    const again = await startServiceInProcess(eligibilityService, programmeTestEnv(sim, { RBF_BUDGETS_RWF: '1:5,2:7,4:100', DATABASE_SCHEMA: svc.schema }));
    try {
      const items = (await adminClient(again.url).get('/v1/budgets')).body;
      expect(items.map((b: { tier: number; totalRwf: number }) => [b.tier, b.totalRwf])).toEqual([[1, 1000000], [2, 150000], [3, 250000], [4, 100]]);
    } finally {
      await again.app.close(); // not close(): that would drop the shared schema
    }
  });

  it('shows the rules in force', async () => {
    expect((await admin.get('/v1/rules')).body).toEqual({
      incentivePercent: [
        { tier: 1, percent: 90 },
        { tier: 2, percent: 70 },
        { tier: 3, percent: 45 },
        { tier: 4, percent: 0 },
      ],
      categoryMap: [
        { category: 'A', tier: 4 },
        { category: 'B', tier: 4 },
        { category: 'C', tier: 3 },
        { category: 'D', tier: 2 },
        { category: 'E', tier: 1 },
      ],
      reservationDays: 14,
      agentPinMaxAttempts: 5,
      agentLockMinutes: 30,
    });
  });

  it('lists sales (empty) and answers 404 for an unknown reference, 400 for a bad status', async () => {
    expect((await admin.get('/v1/sales')).body).toEqual({ items: [], total: 0, limit: 50, offset: 0 });
    expect((await admin.get('/v1/sales/12345674')).status).toBe(404);
    expect((await admin.get('/v1/sales?status=lost')).body.fields[0].field).toBe('status');
    expect((await admin.get('/v1/sales?limit=0')).body.fields[0].field).toBe('limit');
  });

  describe('request bodies the platform refuses before validation', () => {
    it.each([2_000, 5_000])('refuses a company nested %i levels deep with 400 JSON_TOO_DEEP, creating nothing', async (depth) => {
      const before = (await admin.get('/v1/companies')).body.items.length;
      const res = await http('POST', `${svc.url}/v1/companies`, nestedJson(depth), await authHeader({ role: 'programme' }));
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ statusCode: 400, code: 'JSON_TOO_DEEP', message: 'body nests deeper than 32 levels' });
      expect((await admin.get('/v1/companies')).body.items).toHaveLength(before);
    });

    it('lets a company body nested 32 levels through to validation, which names the unknown field', async () => {
      const res = await admin.post('/v1/companies', JSON.parse(nestedJson(32)));
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.fields.map((f: { field: string }) => f.field)).toContain('x');
    });

    it('answers a PATCH of a product or an agent, or a PUT of a budget, with text/plain, XML, multipart or no Content-Type with 415, changing nothing', async () => {
      const company = (await admin.post('/v1/companies', { code: 'TYPES', name: 'Types' })).body;
      const product = (await admin.post(`/v1/companies/${company.id}/products`, { code: 'LAMP-1', name: 'Lamp', priceRwf: 20000, incentiveCapRwf: 10000 })).body;
      const agent = (await admin.post('/v1/agents', { phone: '0788777111', name: 'Eric', pin: '4826', companyIds: [company.id] })).body;
      const budgets = (await admin.get('/v1/budgets')).body;
      const refused = async (method: string, path: string, fields: Record<string, string>) => {
        for (const b of nonJsonBodies(fields)) {
          const res = await http(method, `${svc.url}${path}`, b.body, { ...(await authHeader({ role: 'programme' })), ...b.headers });
          expect({ type: b.type, status: res.status, code: res.body?.code, accepted: res.body?.accepted }).toEqual({
            type: b.type,
            status: 415,
            code: 'UNSUPPORTED_MEDIA_TYPE',
            accepted: ['application/json'],
          });
        }
      };
      await refused('PATCH', `/v1/products/${product.id}`, { name: 'Renamed', priceRwf: '1' });
      await refused('PATCH', `/v1/agents/${agent.id}`, { name: 'Renamed' });
      await refused('PUT', '/v1/budgets/1', { totalRwf: '5' });
      expect((await admin.get(`/v1/companies/${company.id}/products`)).body.items).toEqual([product]);
      expect((await admin.get(`/v1/agents/${agent.id}`)).body).toEqual(agent);
      expect((await admin.get('/v1/budgets')).body).toEqual(budgets);
    });
  });
});
