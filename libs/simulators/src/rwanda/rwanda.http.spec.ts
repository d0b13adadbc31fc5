import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { startSimulators } from '../testing/start-simulators';

/**
 * The OMIS and MEIS simulators in-process on a loopback port, driven over real HTTP the way the
 * eligibility service drives them (docs/national-systems.md), with their control API and faults.
 */
describe('OMIS and MEIS over HTTP', () => {
  let app: INestApplication;
  let base: string;

  const OMIS = { 'X-API-Key': 'sandbox-omis-key' };
  const MEIS = { 'X-API-Key': 'sandbox-meis-key' };

  interface Household {
    householdId: string;
    category: string;
    headNationalId: string;
    members: { nationalId: string; isHead: boolean }[];
    memberCount: number;
    location: Record<string, string>;
    voucherNumber: string;
    omis: { subsidised: boolean; ongoingSale: { reference: string; companyCode: string; registeredAt: string } | null; repossession: boolean };
  }

  async function call(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<{ status: number; body: any }> {
    const res = await fetch(base + path, {
      method: init.method ?? 'GET',
      headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  async function households(query: string): Promise<{ total: number; households: Household[] }> {
    const r = await call(`/sandbox/rwanda/households?${query}`);
    expect(r.status).toBe(200);
    return r.body;
  }

  async function eligibleHousehold(offset = 0): Promise<Household> {
    return (await households(`status=eligible&limit=1&offset=${offset}`)).households[0];
  }

  function saleBody(h: Household, reference: string, over: Record<string, unknown> = {}) {
    return {
      reference,
      householdId: h.householdId,
      nationalId: h.members[h.members.length - 1].nationalId,
      companyCode: 'SOLARCO',
      productCode: 'SHS-50W',
      priceRwf: 115_000,
      incentiveRwf: 103_500,
      category: h.category,
      tier: 1,
      location: h.location,
      registeredAt: '2026-11-22T10:15:00Z',
      ...over,
    };
  }

  const put = (reference: string, body: unknown, headers = OMIS) => call(`/omis/v1/sales/${reference}`, { method: 'PUT', body, headers });
  const confirm = (reference: string, householdId: string) =>
    call(`/omis/v1/sales/${reference}/confirmation`, { method: 'POST', body: { householdId, confirmedAt: '2026-11-25T14:00:00Z' }, headers: OMIS });
  const cancel = (reference: string) => call(`/omis/v1/sales/${reference}/cancellation`, { method: 'POST', body: { reason: 'reservation_expired' }, headers: OMIS });
  const omisStatus = (nationalId: string) => call(`/omis/v1/households/status?nationalId=${nationalId}`, { headers: OMIS });

  beforeAll(async () => {
    ({ app, url: base } = await startSimulators({ only: ['rwanda'] }));
  });

  afterAll(async () => {
    await app?.close();
  });

  beforeEach(async () => {
    expect((await call('/sandbox/reset', { method: 'POST' })).status).toBe(204);
  });

  describe('authentication', () => {
    it('answers 401 {"error":"unauthorized"} without the right X-API-Key, each system with its own key', async () => {
      const h = await eligibleHousehold();
      const cases: [string, Record<string, string>][] = [
        [`/meis/v1/persons/${h.headNationalId}`, {}],
        [`/meis/v1/persons/${h.headNationalId}`, OMIS],
        [`/meis/v1/persons/${h.headNationalId}`, { 'X-API-Key': 'sandbox-meis-kez' }],
        [`/omis/v1/households/status?nationalId=${h.headNationalId}`, {}],
        [`/omis/v1/households/status?nationalId=${h.headNationalId}`, MEIS],
        ['/omis/v1/sales/12345678', { 'X-API-Key': 'wrong' }],
      ];
      for (const [path, headers] of cases) {
        const r = await call(path, { headers });
        expect(r.status).toBe(401);
        expect(r.body).toEqual({ error: 'unauthorized', message: expect.any(String) });
      }
      expect((await put('12345678', saleBody(h, '12345678'), { 'X-API-Key': '' })).status).toBe(401);
      // A refused request never reached OMIS.
      expect((await call('/sandbox/omis/sales/12345678')).body).toEqual({ sale: null, requests: { put: 0, confirmation: 0, cancellation: 0 } });
    });
  });

  describe('MEIS', () => {
    it("answers a person's household: head and other members", async () => {
      const h = (await households('status=eligible&limit=50')).households.find((x) => x.memberCount >= 2)!;
      const head = await call(`/meis/v1/persons/${h.headNationalId}`, { headers: MEIS });
      const household = { householdId: h.householdId, headNationalId: h.headNationalId, category: h.category, memberCount: h.memberCount, location: h.location };
      expect(head).toEqual({ status: 200, body: { nationalId: h.headNationalId, householdId: h.householdId, isHouseholdHead: true, household } });
      const member = h.members[1].nationalId;
      expect(await call(`/meis/v1/persons/${member}`, { headers: MEIS })).toEqual({
        status: 200,
        body: { nationalId: member, householdId: h.householdId, isHouseholdHead: false, household },
      });
      expect(h.location).toEqual({ province: expect.any(String), district: expect.any(String), sector: expect.any(String), cell: expect.any(String), village: expect.any(String) });
    });

    it('answers 404 for an unknown person and 400 for an ID that is not 16 digits', async () => {
      const unknown = await call('/sandbox/rwanda/unknown-national-ids?count=3');
      expect(unknown.status).toBe(200);
      expect(unknown.body.nationalIds).toHaveLength(3);
      for (const id of unknown.body.nationalIds) {
        expect(id).toMatch(/^1(19[5-9]\d|200\d)[78]\d{7}0\d{2}$/);
        expect(await call(`/meis/v1/persons/${id}`, { headers: MEIS })).toEqual({ status: 404, body: { error: 'not_found', message: expect.any(String) } });
      }
      for (const bad of ['123', '119878001234501X', '11987800123450123']) {
        expect(await call(`/meis/v1/persons/${bad}`, { headers: MEIS })).toEqual({ status: 400, body: { error: 'invalid_national_id', message: expect.any(String) } });
      }
    });
  });

  describe('OMIS', () => {
    it('answers the status of any member, and an empty status for a person it does not know', async () => {
      const h = (await households('status=subsidised&limit=1')).households[0];
      const member = h.members[h.members.length - 1].nationalId;
      const r = await omisStatus(member);
      expect(r).toEqual({
        status: 200,
        body: { nationalId: member, householdId: h.householdId, subsidised: true, installedAt: expect.stringMatching(/Z$/), ongoingSale: null, repossession: false, voucherNumber: h.voucherNumber },
      });
      const [unknown] = (await call('/sandbox/rwanda/unknown-national-ids?count=1')).body.nationalIds;
      expect(await omisStatus(unknown)).toEqual({
        status: 200,
        body: { nationalId: unknown, householdId: null, subsidised: false, installedAt: null, ongoingSale: null, repossession: false, voucherNumber: null },
      });
      expect((await omisStatus('12')).status).toBe(400);
      expect((await call('/omis/v1/households/status', { headers: OMIS })).body).toMatchObject({ error: 'invalid_national_id' });
    });

    it('registers a sale (201, then 200 for the retry), blocks the household, confirms once', async () => {
      const h = await eligibleHousehold();
      const body = saleBody(h, '48213907');
      const created = await put('48213907', body);
      expect(created.status).toBe(201);
      const sale = created.body;
      expect(sale).toEqual({ ...body, status: 'pending_installation', confirmedAt: null, cancelledAt: null, cancelReason: null, vouchersUsed: 0 });

      const retry = await put('48213907', body);
      expect(retry).toEqual({ status: 200, body: sale });
      expect((await omisStatus(h.headNationalId)).body.ongoingSale).toEqual({ reference: '48213907', companyCode: 'SOLARCO', registeredAt: '2026-11-22T10:15:00Z' });
      expect((await households('status=ongoing_sale&limit=500')).households.map((x) => x.householdId)).toContain(h.householdId);

      const other = await put('48213908', saleBody(h, '48213908', { companyCode: 'SUNCO', nationalId: h.headNationalId }));
      expect(other).toEqual({ status: 409, body: { error: 'household_blocked', message: expect.any(String) } });

      const installed = await confirm('48213907', h.householdId);
      expect(installed).toEqual({ status: 200, body: { ...sale, status: 'installed', confirmedAt: '2026-11-25T14:00:00Z', vouchersUsed: h.memberCount } });
      const again = await call('/omis/v1/sales/48213907/confirmation', { method: 'POST', body: { householdId: h.householdId, confirmedAt: '2026-12-01T00:00:00Z' }, headers: OMIS });
      expect(again).toEqual(installed);

      expect((await omisStatus(h.headNationalId)).body).toMatchObject({ subsidised: true, installedAt: '2026-11-25T14:00:00Z', ongoingSale: null });
      expect((await households('status=subsidised&limit=500')).households.find((x) => x.householdId === h.householdId)?.omis).toEqual({ subsidised: true, ongoingSale: null, repossession: false });
      expect(await cancel('48213907')).toEqual({ status: 409, body: { error: 'sale_installed', message: expect.any(String) } });
      expect(await call('/omis/v1/sales/48213907', { headers: OMIS })).toEqual(installed);

      expect((await call('/sandbox/omis/sales/48213907')).body).toEqual({ sale: installed.body, requests: { put: 2, confirmation: 2, cancellation: 1 } });
      expect((await call('/sandbox/omis/sales/48213908')).body).toEqual({ sale: null, requests: { put: 1, confirmation: 0, cancellation: 0 } });
    });

    it('cancels once, freeing the household; a cancelled sale cannot be confirmed; 404 and household_mismatch', async () => {
      const h = await eligibleHousehold(1);
      expect((await put('55550001', saleBody(h, '55550001'))).status).toBe(201);
      const otherHousehold = await eligibleHousehold(2);
      expect(await confirm('55550001', otherHousehold.householdId)).toEqual({ status: 409, body: { error: 'household_mismatch', message: expect.any(String) } });

      const cancelled = await cancel('55550001');
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'reservation_expired', cancelledAt: expect.any(String) });
      expect(await cancel('55550001')).toEqual(cancelled);
      expect(await confirm('55550001', h.householdId)).toEqual({ status: 409, body: { error: 'sale_cancelled', message: expect.any(String) } });

      expect((await omisStatus(h.headNationalId)).body.ongoingSale).toBeNull();
      expect((await households('status=eligible&limit=500')).households.map((x) => x.householdId)).toContain(h.householdId);
      expect((await put('55550002', saleBody(h, '55550002'))).status).toBe(201);

      for (const r of [await confirm('00000000', h.householdId), await cancel('00000000'), await call('/omis/v1/sales/00000000', { headers: OMIS })]) {
        expect(r).toEqual({ status: 404, body: { error: 'not_found', message: expect.any(String) } });
      }
    });

    it("blocks households with another company's sale, a subsidy or a repossession", async () => {
      for (const status of ['ongoing_sale', 'subsidised', 'repossession']) {
        const h = (await households(`status=${status}&limit=1`)).households[0];
        const r = await put(`B-${status}`, saleBody(h, `B-${status}`));
        expect([status, r.status, r.body.error]).toEqual([status, 409, 'household_blocked']);
      }
      const withOther = (await households('status=ongoing_sale&limit=1')).households[0];
      const otherSale = await call(`/omis/v1/sales/${withOther.omis.ongoingSale!.reference}`, { headers: OMIS });
      expect(otherSale.body).toMatchObject({ companyCode: 'OTHERCO', householdId: withOther.householdId, status: 'pending_installation' });
    });

    it('answers 400 naming the bad field', async () => {
      const h = await eligibleHousehold();
      const cases: [Record<string, unknown>, string][] = [
        [{ priceRwf: '115000' }, 'priceRwf'],
        [{ incentiveRwf: 1.5 }, 'incentiveRwf'],
        [{ householdId: '12345' }, 'householdId'],
        [{ nationalId: undefined }, 'nationalId'],
        [{ category: 'Z' }, 'category'],
        [{ location: { ...h.location, cell: '' } }, 'location.cell'],
        [{ location: undefined }, 'location'],
        [{ registeredAt: '2026-11-22' }, 'registeredAt'],
        [{ reference: 'X1' }, 'reference'],
        [{ incentiveRwf: 200_000 }, 'incentiveRwf'],
        [{ householdId: '0000000000' }, 'householdId'],
        [{ nationalId: (await call('/sandbox/rwanda/unknown-national-ids?count=1')).body.nationalIds[0] }, 'nationalId'],
      ];
      for (const [over, field] of cases) {
        const r = await put('77770001', saleBody(h, '77770001', over));
        expect([field, r.status, r.body.error, r.body.fields]).toEqual([field, 400, 'invalid_request', expect.arrayContaining([field])]);
        expect(r.body.message).toContain(field);
      }
      expect((await put('77770001', [1, 2])).status).toBe(400);
      expect((await call('/omis/v1/sales/77770001/confirmation', { method: 'POST', body: { householdId: h.householdId }, headers: OMIS })).body).toMatchObject({ error: 'invalid_request', fields: ['confirmedAt'] });
      expect((await call('/omis/v1/sales/77770001/cancellation', { method: 'POST', body: {}, headers: OMIS })).body).toMatchObject({ error: 'invalid_request', fields: ['reason'] });
      // Nothing was recorded, but every attempt reached OMIS.
      expect((await call('/sandbox/omis/sales/77770001')).body).toEqual({ sale: null, requests: { put: cases.length + 1, confirmation: 1, cancellation: 1 } });
      expect((await omisStatus(h.headNationalId)).body.ongoingSale).toBeNull();
    });
  });

  describe('control API', () => {
    it('lists households by status and category, in a stable order, with limit and offset', async () => {
      const all = await households('limit=500');
      expect(all.total).toBe(5000);
      expect(all.households).toHaveLength(500);
      const page2 = await households('limit=5&offset=5');
      expect(page2.households.map((h) => h.householdId)).toEqual(all.households.slice(5, 10).map((h) => h.householdId));
      expect((await households('limit=500')).households).toEqual(all.households);

      const h = all.households[0];
      expect(h.members[0]).toEqual({ nationalId: h.headNationalId, isHead: true });
      expect(h.members.slice(1).every((m) => !m.isHead)).toBe(true);
      expect(h.memberCount).toBe(h.members.length);

      let sum = 0;
      for (const status of ['eligible', 'subsidised', 'ongoing_sale', 'repossession']) {
        const r = await households(`status=${status}&limit=500`);
        expect(r.total).toBeGreaterThan(0);
        sum += r.total;
        for (const x of r.households) {
          const { subsidised, ongoingSale, repossession } = x.omis;
          expect([status, subsidised, ongoingSale !== null, repossession]).toEqual([
            status,
            status === 'subsidised',
            status === 'ongoing_sale',
            status === 'repossession',
          ]);
        }
      }
      expect(sum).toBe(5000);

      const catE = await households('category=E&status=eligible&limit=500');
      expect(catE.total).toBeGreaterThan(0);
      expect(catE.households.every((x) => x.category === 'E' && !x.omis.subsidised && !x.omis.ongoingSale && !x.omis.repossession)).toBe(true);

      for (const bad of ['limit=501', 'limit=0', 'offset=-1', 'status=poor', 'category=5', 'colour=red']) {
        const r = await call(`/sandbox/rwanda/households?${bad}`);
        expect([bad, r.status]).toEqual([bad, 400]);
        expect(r.body).toMatchObject({ statusCode: 400, code: expect.any(String) });
      }
      expect((await call('/sandbox/rwanda/unknown-national-ids?count=101')).status).toBe(400);
      expect((await call('/sandbox/rwanda/unknown-national-ids')).body.nationalIds).toHaveLength(5);
    });

    it('reset brings the population back: sales made through the API are gone', async () => {
      const before = await households('limit=20');
      const h = await eligibleHousehold();
      expect((await put('66660001', saleBody(h, '66660001'))).status).toBe(201);
      expect((await call('/sandbox/reset', { method: 'POST' })).status).toBe(204);
      expect(await call('/omis/v1/sales/66660001', { headers: OMIS })).toMatchObject({ status: 404 });
      expect((await call('/sandbox/omis/sales/66660001')).body.requests).toEqual({ put: 0, confirmation: 0, cancellation: 0 });
      expect((await omisStatus(h.headNationalId)).body.ongoingSale).toBeNull();
      expect(await households('limit=20')).toEqual(before);
    });
  });

  describe('control API: what happens in OMIS without the caller', () => {
    it("another company's sale blocks the household; OMIS's staff cancelling it frees the household again", async () => {
      const h = await eligibleHousehold();
      const other = await call('/sandbox/omis/sales', { method: 'POST', body: { householdId: h.householdId } });
      expect(other.status).toBe(201);
      expect(other.body).toMatchObject({ reference: expect.stringMatching(/^\d{8}$/), householdId: h.householdId, nationalId: h.headNationalId, companyCode: 'OTHERCO', status: 'pending_installation' });
      expect((await omisStatus(h.headNationalId)).body.ongoingSale).toEqual({ reference: other.body.reference, companyCode: 'OTHERCO', registeredAt: other.body.registeredAt });
      expect((await put('77770001', saleBody(h, '77770001'))).body.error).toBe('household_blocked');
      expect((await call('/sandbox/omis/sales', { method: 'POST', body: { householdId: h.householdId } })).status).toBe(409);

      const cancelled = await call(`/sandbox/omis/sales/${other.body.reference}/cancellation`, { method: 'POST', body: {} });
      expect(cancelled).toMatchObject({ status: 200, body: { status: 'cancelled', cancelReason: 'cancelled_in_omis' } });
      expect((await omisStatus(h.headNationalId)).body.ongoingSale).toBeNull();
      expect((await put('77770001', saleBody(h, '77770001'))).status).toBe(201);
      // Not requests to OMIS's API: only the two PUTs above count.
      expect((await call(`/sandbox/omis/sales/${other.body.reference}`)).body.requests).toEqual({ put: 0, confirmation: 0, cancellation: 0 });

      // A sale OMIS's staff cancelled cannot be confirmed.
      await call('/sandbox/omis/sales/77770001/cancellation', { method: 'POST', body: { reason: 'duplicate' } });
      expect((await confirm('77770001', h.householdId)).body.error).toBe('sale_cancelled');
      expect((await call('/sandbox/omis/sales/12121212/cancellation', { method: 'POST', body: {} })).status).toBe(404);
      expect((await call('/sandbox/omis/sales', { method: 'POST', body: { householdId: '0000000000' } })).status).toBe(404);
      expect((await call('/sandbox/omis/sales', { method: 'POST', body: { householdId: 'x' } })).body.code).toBe('VALIDATION_FAILED');
    });

    it("a status override: OMIS answers those fields for the household, whatever it holds, until cleared or reset", async () => {
      const h = await eligibleHousehold();
      expect((await put('55550001', saleBody(h, '55550001'))).status).toBe(201);
      const set = await call(`/sandbox/omis/households/${h.householdId}/status`, { method: 'PUT', body: { ongoingSale: null, repossession: true } });
      expect(set).toEqual({ status: 200, body: { householdId: h.householdId, status: { subsidised: false, installedAt: null, ongoingSale: null, repossession: true } } });
      const member = h.members[h.members.length - 1].nationalId;
      expect((await omisStatus(member)).body).toMatchObject({ householdId: h.householdId, subsidised: false, ongoingSale: null, repossession: true });
      // The book is untouched: the household is still blocked for another sale.
      expect((await put('55550002', saleBody(h, '55550002'))).body.error).toBe('household_blocked');
      expect((await call(`/sandbox/omis/households/${h.householdId}/status`, { method: 'DELETE' })).status).toBe(204);
      expect((await omisStatus(member)).body.ongoingSale).toMatchObject({ reference: '55550001' });

      const forced = { reference: '99990001', companyCode: 'OTHERCO', registeredAt: '2026-11-20T09:12:00Z' };
      await call(`/sandbox/omis/households/${h.householdId}/status`, { method: 'PUT', body: { subsidised: true, installedAt: '2025-01-02T03:04:05Z', ongoingSale: forced } });
      expect((await omisStatus(member)).body).toMatchObject({ subsidised: true, installedAt: '2025-01-02T03:04:05Z', ongoingSale: forced });
      await call('/sandbox/reset', { method: 'POST' });
      expect((await omisStatus(member)).body).toMatchObject({ subsidised: false, ongoingSale: null });

      expect((await call('/sandbox/omis/households/0000000000/status', { method: 'PUT', body: {} })).status).toBe(404);
      const bad = await call(`/sandbox/omis/households/${h.householdId}/status`, { method: 'PUT', body: { subsidised: 'yes', installedAt: 'soon', ongoingSale: { reference: '' } } });
      expect(bad.status).toBe(400);
      expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['installedAt', 'ongoingSale.companyCode', 'ongoingSale.reference', 'ongoingSale.registeredAt', 'subsidised']);
    });

    it('a refused reference: its registration is answered 409 household_blocked (even when recorded), until allowed again', async () => {
      const h = await eligibleHousehold();
      expect((await put('66660001', saleBody(h, '66660001'))).status).toBe(201);
      expect(await call('/sandbox/omis/sales/66660001/refusal', { method: 'PUT' })).toEqual({ status: 200, body: { reference: '66660001', refused: true } });
      expect(await put('66660001', saleBody(h, '66660001'))).toEqual({ status: 409, body: { error: 'household_blocked', message: expect.any(String) } });
      expect((await call('/sandbox/omis/sales/66660001')).body.requests.put).toBe(2);
      expect((await call('/sandbox/omis/sales/66660001/refusal', { method: 'DELETE' })).status).toBe(204);
      expect((await put('66660001', saleBody(h, '66660001'))).status).toBe(200);
      await call('/sandbox/omis/sales/66660002/refusal', { method: 'PUT' });
      await call('/sandbox/reset', { method: 'POST' });
      expect((await put('66660002', saleBody(await eligibleHousehold(), '66660002'))).status).toBe(201);
    });
  });

  describe('faults', () => {
    it("'down' on meis drops the next MEIS request only; OMIS and the control API are spared", async () => {
      const h = await eligibleHousehold();
      expect((await call('/sandbox/faults/meis', { method: 'PUT', body: { mode: 'down', count: 1 } })).body.fault).toMatchObject({ target: 'meis', mode: 'down' });
      expect((await omisStatus(h.headNationalId)).status).toBe(200);
      expect((await call('/sandbox/rwanda/households?limit=1')).status).toBe(200);
      await expect(fetch(`${base}/meis/v1/persons/${h.headNationalId}`, { headers: MEIS })).rejects.toThrow(/fetch failed/);
      expect((await call(`/meis/v1/persons/${h.headNationalId}`, { headers: MEIS })).status).toBe(200);
    });

    it("'error500' and 'slow' on omis; 'timeout' on meis", async () => {
      const h = await eligibleHousehold();
      await call('/sandbox/faults/omis', { method: 'PUT', body: { mode: 'error500', count: 1 } });
      expect(await omisStatus(h.headNationalId)).toEqual({ status: 500, body: { error: 'internal_error', message: expect.any(String) } });

      await call('/sandbox/faults/omis', { method: 'PUT', body: { mode: 'slow', delayMs: 150, count: 1 } });
      const t0 = Date.now();
      expect((await omisStatus(h.headNationalId)).status).toBe(200);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(140);

      await call('/sandbox/faults/meis', { method: 'PUT', body: { mode: 'timeout', delayMs: 150, count: 1 } });
      const t1 = Date.now();
      await expect(fetch(`${base}/meis/v1/persons/${h.headNationalId}`, { headers: MEIS })).rejects.toThrow(/fetch failed/);
      expect(Date.now() - t1).toBeGreaterThanOrEqual(140);
    });

    it("'error500_after_apply' on omis records the sale but answers 500; the retry gets it with 200", async () => {
      const h = await eligibleHousehold();
      await call('/sandbox/faults/omis', { method: 'PUT', body: { mode: 'error500_after_apply', count: 1 } });
      expect(await put('88880001', saleBody(h, '88880001'))).toEqual({ status: 500, body: { error: 'internal_error', message: expect.any(String) } });
      const retry = await put('88880001', saleBody(h, '88880001'));
      expect(retry.status).toBe(200);
      expect(retry.body).toMatchObject({ reference: '88880001', status: 'pending_installation' });
      expect((await call('/sandbox/omis/sales/88880001')).body.requests).toEqual({ put: 2, confirmation: 0, cancellation: 0 });
    });

    it('refuses error500_after_apply on meis and names omis and meis among the targets', async () => {
      expect((await call('/sandbox/faults/meis', { method: 'PUT', body: { mode: 'error500_after_apply' } })).status).toBe(400);
      const unknown = await call('/sandbox/faults/nida', { method: 'PUT', body: { mode: 'down' } });
      expect(unknown.status).toBe(400);
      expect(unknown.body.message).toMatch(/omis, meis/);
    });
  });
});
