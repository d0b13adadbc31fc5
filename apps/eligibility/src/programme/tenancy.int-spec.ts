import { DataSource } from 'typeorm';
import { DEFAULT_ORGANISATION_ID } from '@limye/platform';
import { http, InProcessService, startServiceInProcess } from '@limye/testing';
import { HouseholdPool, RunningSimulators, startSimulators } from '@limye/simulators/testing';
import { eligibilityService } from '../eligibility.service-definition';
import { CATALOGUES } from '../ussd/messages/render';
import { AgentsService } from './agents/agents.service';
import { BudgetsService } from './budgets/budgets.service';
import { CompaniesService } from './companies/companies.service';
import { SalesQueryService } from './sales/sales-query.service';
import { adminClient, programmeTestEnv } from './testing/programme-test.helpers';

const EN = CATALOGUES.en.screens;
/** A second programme on the same deployment. The admin key acts for the default organisation. */
const ORG_B = '00000000-0000-4000-8000-0000000000b4';
const PHONE_A = '+250788300001';
const PHONE_B = '+250788300002';
const PIN_A = '2580';
const PIN_B = '3691';

describe('eligibility tenancy: two programmes with the same codes (real Postgres + NATS)', () => {
  let sim: RunningSimulators;
  let pool: HouseholdPool;
  let svc: InProcessService;
  let ds: DataSource;
  let admin: ReturnType<typeof adminClient>;
  const mine = { company: '', product: '', agent: '' };
  const theirs = { company: '', product: '', agent: '' };
  let nextSession = 1;

  const sessionId = () => `ATUid_tenancy_${nextSession++}_${Date.now()}`;
  const at = (sid: string, text: string, phone: string) =>
    http('POST', `${svc.url}/v1/ussd/africastalking`, new URLSearchParams({ sessionId: sid, serviceCode: '*384*1#', phoneNumber: phone, networkCode: '63510', text }));

  /** Dials a whole registration as the agent of `phone`; answers the sale reference. */
  async function registerSale(phone: string, pin: string): Promise<{ reference: string; sid: string; voucher: string }> {
    const h = pool.take({ category: '1', status: 'eligible' });
    const sid = sessionId();
    await at(sid, '', phone);
    const steps = ['2', pin, h.headNationalId, '1', '1', '1', '1', '1', '1', h.headNationalId.slice(-4)];
    let reply = '';
    for (let i = 1; i <= steps.length; i++) reply = (await at(sid, steps.slice(0, i).join('*'), phone)).text;
    const reference = /Ref (\d{8})/.exec(reply)?.[1];
    if (!reference) throw new Error(`no sale registered: ${reply}`);
    return { reference, sid, voucher: h.voucherNumber };
  }

  beforeAll(async () => {
    sim = await startSimulators({ only: ['rwanda'] });
    pool = await sim.rwanda.pool();
    svc = await startServiceInProcess(eligibilityService, programmeTestEnv(sim, { RBF_BUDGETS_RWF: '1:10000000' }));
    ds = svc.app.get(DataSource);
    admin = adminClient(svc.url);
    for (const phone of [PHONE_A, PHONE_B]) await ds.query(`INSERT INTO ussd_phone_languages (phone, language) VALUES ($1, 'en')`, [phone]);

    // The default organisation, through the admin API.
    mine.company = (await admin.post('/v1/companies', { code: 'SOLARCO', name: 'Solar Co A' })).body.id;
    mine.product = (await admin.post(`/v1/companies/${mine.company}/products`, { code: 'SHS-50W', name: 'SHS A', priceRwf: 115000, incentiveCapRwf: 100000 })).body.id;
    mine.agent = (await admin.post('/v1/agents', { phone: PHONE_A, name: 'Aline', pin: PIN_A, companyIds: [mine.company] })).body.id;

    // The other organisation, with the same codes (its staff would use the API with their own token).
    const companies = svc.app.get(CompaniesService);
    theirs.company = (await companies.createCompany(ORG_B, { code: 'SOLARCO', name: 'Solar Co B' })).id;
    theirs.product = (await companies.createProduct(ORG_B, theirs.company, { code: 'SHS-50W', name: 'SHS B', priceRwf: 115000, incentiveCapRwf: 100000 })).id;
    theirs.agent = (await svc.app.get(AgentsService).create(ORG_B, { phone: PHONE_B, name: 'Bosco', pin: PIN_B, companyIds: [theirs.company] })).id;
    await svc.app.get(BudgetsService).put(ORG_B, 1, 5000000);
  });
  afterAll(async () => {
    await svc?.close();
    await sim?.close();
  });

  it("lists only the caller's organisation's companies, products and agents; another's ids are 404 and change nothing", async () => {
    expect((await admin.get('/v1/companies')).body.items.map((c: { id: string }) => c.id)).toEqual([mine.company]);
    expect((await admin.get('/v1/agents')).body.items.map((a: { id: string }) => a.id)).toEqual([mine.agent]);
    expect((await admin.get(`/v1/companies/${mine.company}/products`)).body.items.map((p: { id: string }) => p.id)).toEqual([mine.product]);

    const notFound = [
      [await admin.get(`/v1/companies/${theirs.company}`), 'ELIGIBILITY.COMPANY_NOT_FOUND'],
      [await admin.patch(`/v1/companies/${theirs.company}`, { active: false }), 'ELIGIBILITY.COMPANY_NOT_FOUND'],
      [await admin.get(`/v1/companies/${theirs.company}/products`), 'ELIGIBILITY.COMPANY_NOT_FOUND'],
      [await admin.post(`/v1/companies/${theirs.company}/products`, { code: 'X1', name: 'X', priceRwf: 10, incentiveCapRwf: 5 }), 'ELIGIBILITY.COMPANY_NOT_FOUND'],
      [await admin.patch(`/v1/products/${theirs.product}`, { priceRwf: 1 }), 'ELIGIBILITY.PRODUCT_NOT_FOUND'],
      [await admin.get(`/v1/agents/${theirs.agent}`), 'ELIGIBILITY.AGENT_NOT_FOUND'],
      [await admin.patch(`/v1/agents/${theirs.agent}`, { active: false }), 'ELIGIBILITY.AGENT_NOT_FOUND'],
    ] as const;
    for (const [res, code] of notFound) {
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 404, code });
      expect(JSON.stringify(res.body)).not.toMatch(/Solar Co B|Bosco|SHS B/);
    }
    // An agent cannot sell for another organisation's company.
    const linked = await admin.patch(`/v1/agents/${mine.agent}`, { companyIds: [theirs.company] });
    expect(linked).toMatchObject({ status: 400, body: { fields: [{ field: 'companyIds' }] } });

    const [company] = await ds.query(`SELECT active, name FROM companies WHERE id = $1`, [theirs.company]);
    expect(company).toEqual({ active: true, name: 'Solar Co B' });
    const [product] = await ds.query(`SELECT price_rwf FROM products WHERE id = $1`, [theirs.product]);
    expect(product).toEqual({ price_rwf: '115000' });
    const [agent] = await ds.query(`SELECT active FROM agents WHERE id = $1`, [theirs.agent]);
    expect(agent).toEqual({ active: true });
    expect(await ds.query(`SELECT company_id FROM agent_companies WHERE agent_id = $1`, [mine.agent])).toEqual([{ company_id: mine.company }]);
  });

  it("keeps each organisation's budgets: the env seeds the default one only", async () => {
    expect((await admin.get('/v1/budgets')).body).toEqual([expect.objectContaining({ tier: 1, totalRwf: 10000000 })]);
    expect(await svc.app.get(BudgetsService).list(ORG_B)).toEqual([expect.objectContaining({ tier: 1, totalRwf: 5000000 })]);
  });

  it('refuses a phone that is already an agent in another organisation, without saying whose', async () => {
    const res = await admin.post('/v1/agents', { phone: PHONE_B, name: 'Someone', pin: '1234', companyIds: [mine.company] });
    expect(res).toMatchObject({ status: 409, body: { code: 'ELIGIBILITY.AGENT_PHONE_TAKEN' } });
    expect(JSON.stringify(res.body)).not.toMatch(/Bosco|0000000000b4/);
  });

  it("registers a USSD sale in the dialling agent's organisation: its sale, budget, outbox, session and log; the other sees none of it", async () => {
    const { reference, sid, voucher } = await registerSale(PHONE_B, PIN_B);

    const [sale] = await ds.query(`SELECT organisation_id, company_id, product_id, agent_id FROM sales WHERE reference = $1`, [reference]);
    expect(sale).toEqual({ organisation_id: ORG_B, company_id: theirs.company, product_id: theirs.product, agent_id: theirs.agent });
    expect(await ds.query(`SELECT DISTINCT organisation_id FROM omis_outbox WHERE sale_reference = $1`, [reference])).toEqual([{ organisation_id: ORG_B }]);
    expect(await ds.query(`SELECT DISTINCT organisation_id FROM ussd_requests WHERE session_id = $1`, [sid])).toEqual([{ organisation_id: ORG_B }]);
    expect(await ds.query(`SELECT organisation_id FROM ussd_sessions WHERE session_key = $1`, [`africastalking:${sid}`])).toEqual([{ organisation_id: ORG_B }]);
    expect(await svc.app.get(BudgetsService).list(ORG_B)).toEqual([expect.objectContaining({ tier: 1, reservedRwf: 100000 })]);
    expect((await admin.get('/v1/budgets')).body).toEqual([expect.objectContaining({ tier: 1, reservedRwf: 0 })]);

    // The default organisation's staff: not theirs to see.
    expect(await admin.get(`/v1/sales/${reference}`)).toMatchObject({ status: 404, body: { code: 'ELIGIBILITY.SALE_NOT_FOUND' } });
    expect((await admin.get('/v1/sales')).body.items.map((s: { reference: string }) => s.reference)).not.toContain(reference);
    expect((await svc.app.get(SalesQueryService).list(ORG_B, {})).items.map((s) => s.reference)).toEqual([reference]);

    // The default organisation's agent cannot confirm it at installation.
    const c = sessionId();
    await at(c, '', PHONE_A);
    await at(c, `3*${PIN_A}`, PHONE_A);
    expect((await at(c, `3*${PIN_A}*${reference}`, PHONE_A)).text).toBe(`CON ${EN.household({})}`);
    expect((await at(c, `3*${PIN_A}*${reference}*${voucher}`, PHONE_A)).text).toBe(`CON ${EN.unknown_reference({})}`);
    expect(await ds.query(`SELECT status FROM sales WHERE reference = $1`, [reference])).toEqual([{ status: 'pending_installation' }]);

    // Its own agent can.
    const d = sessionId();
    await at(d, '', PHONE_B);
    await at(d, `3*${PIN_B}`, PHONE_B);
    await at(d, `3*${PIN_B}*${reference}`, PHONE_B);
    expect((await at(d, `3*${PIN_B}*${reference}*${voucher}`, PHONE_B)).text).toBe(`END ${EN.confirmed({ reference })}`);
    expect(await svc.app.get(BudgetsService).list(ORG_B)).toEqual([expect.objectContaining({ tier: 1, reservedRwf: 0, spentRwf: 100000 })]);
  });

  it("logs a phone that is nobody's agent for the default organisation", async () => {
    const sid = sessionId();
    await at(sid, '', '+250788399999');
    expect(await ds.query(`SELECT DISTINCT organisation_id FROM ussd_requests WHERE session_id = $1`, [sid])).toEqual([{ organisation_id: DEFAULT_ORGANISATION_ID }]);
  });
});
