import { DataSource } from 'typeorm';
import { DEFAULT_ORGANISATION_ID } from '@limye/platform';
import { eventually, http, InProcessService, startServiceInProcess } from '@limye/testing';
import { eligibilityService } from '../../eligibility.service-definition';
import { MeisHttpClient } from '../../national-systems/meis-http.client';
import { MEIS_CLIENT } from '../../national-systems/meis.client';
import { OmisHttpClient } from '../../national-systems/omis-http.client';
import { OMIS_CLIENT } from '../../national-systems/omis.client';
import { HouseholdPool, RunningSimulators, startSimulators } from '@limye/simulators/testing';
import { isValidSaleReference } from '../domain/sale-reference';
import { incentiveFor } from '../domain/programme-rules';
import { OmisOutboxRepository } from '../omis-outbox/omis-outbox.repository';
import { OmisOutboxWorker } from '../omis-outbox/omis-outbox.worker';
import { adminClient, programmeTestEnv } from '../testing/programme-test.helpers';
import { EligibilityOutcome, RBF_PROGRAMME, RbfProgramme, RegisterSaleInput } from '../rbf-programme.port';
import { SaleExpirySweeper } from './sale-expiry.sweeper';

/** The env admin key acts for the default organisation: the sales these specs make through it are its. */
const ORG = DEFAULT_ORGANISATION_ID;

type Eligible = Extract<EligibilityOutcome, { kind: 'eligible' }>;

const LOCATION = { province: 'Amajyepfo', district: 'Huye', sector: 'Tumba', cell: 'Cyimana', village: 'Gitwa' };

describe('programme: eligibility, agents, sales, OMIS outbox (real Postgres + NATS, MEIS/OMIS simulators over HTTP)', () => {
  let sim: RunningSimulators;
  let pool: HouseholdPool;
  let svc: InProcessService;
  let programme: RbfProgramme;
  let ds: DataSource;
  let admin: ReturnType<typeof adminClient>;
  let company: { id: string; code: string };
  let otherCompany: { id: string };
  let product: { id: string };
  let cheapProduct: { id: string };
  let otherProduct: { id: string };
  let agent: { id: string };
  let otherAgent: { id: string };
  let nextSession = 1;

  /** The head of a household of the simulated MEIS no other test of this file uses, with its OMIS status. */
  function person(
    category = '1',
    status: { subsidised?: boolean; ongoingSale?: boolean; repossession?: boolean } = {},
  ): { nationalId: string; householdId: string; memberCount: number; voucherNumber: string } {
    const wanted = status.subsidised ? 'subsidised' : status.ongoingSale ? 'ongoing_sale' : status.repossession ? 'repossession' : 'eligible';
    const h = pool.take({ category, status: wanted });
    return { nationalId: h.headNationalId, householdId: h.householdId, memberCount: h.memberCount, voucherNumber: h.voucherNumber };
  }

  /** What reached OMIS, oldest first, and the OMIS sale of a reference. */
  const omisSeen = () => sim.requests.list({ target: 'omis' });
  const omisSale = async (reference: string) => (await sim.rwanda.sale(reference)).sale;

  async function eligible(nationalId: string): Promise<Eligible> {
    const outcome = await programme.checkEligibility(ORG, nationalId);
    if (outcome.kind !== 'eligible') throw new Error(`expected eligible, got ${JSON.stringify(outcome)}`);
    return outcome;
  }

  function saleInput(p: { nationalId: string }, eligibility: Eligible, over: Partial<RegisterSaleInput> = {}): RegisterSaleInput {
    return {
      organisationId: ORG,
      sessionKey: `africastalking:ATUid_${nextSession++}`,
      agentId: agent.id,
      companyId: company.id,
      productId: product.id,
      nationalId: p.nationalId,
      eligibility,
      location: LOCATION,
      // The amounts the agent was shown for the spec's product (115,000 RWF, cap 100,000).
      shown: { priceRwf: 115000, incentiveRwf: incentiveFor({ priceRwf: 115000, incentiveCapRwf: 100000 }, eligibility.incentivePercent) },
      ...over,
    };
  }

  const budget = async (tier: number) =>
    (await admin.get('/v1/budgets')).body.find((b: { tier: number }) => b.tier === tier) as { totalRwf: number; reservedRwf: number; spentRwf: number; availableRwf: number };

  function resetBreakers(): void {
    (svc.app.get(MEIS_CLIENT) as MeisHttpClient).http.resetBreakers();
    (svc.app.get(OMIS_CLIENT) as OmisHttpClient).http.resetBreakers();
  }

  beforeAll(async () => {
    sim = await startSimulators({ only: ['rwanda'] });
    pool = await sim.rwanda.pool();
    svc = await startServiceInProcess(eligibilityService, programmeTestEnv(sim, { RBF_BUDGETS_RWF: '1:10000000,2:10000000,3:10000000' }));
    programme = svc.app.get<RbfProgramme>(RBF_PROGRAMME);
    ds = svc.app.get(DataSource);
    admin = adminClient(svc.url);
    company = (await admin.post('/v1/companies', { code: 'SOLARCO', name: 'Solar Co' })).body;
    otherCompany = (await admin.post('/v1/companies', { code: 'OTHERCO', name: 'Other Co' })).body;
    product = (await admin.post(`/v1/companies/${company.id}/products`, { code: 'SHS-50W', name: 'SHS 50 W', priceRwf: 115000, incentiveCapRwf: 100000 })).body;
    cheapProduct = (await admin.post(`/v1/companies/${company.id}/products`, { code: 'LAMP', name: 'Lamp kit', priceRwf: 20000, incentiveCapRwf: 20000 })).body;
    otherProduct = (await admin.post(`/v1/companies/${otherCompany.id}/products`, { code: 'SHS-80W', name: 'SHS 80 W', priceRwf: 150000, incentiveCapRwf: 120000 })).body;
    agent = (await admin.post('/v1/agents', { phone: '0788123456', name: 'Aline', pin: '4821', companyIds: [company.id] })).body;
    otherAgent = (await admin.post('/v1/agents', { phone: '+250722000111', name: 'Bosco', pin: '1357', companyIds: [otherCompany.id] })).body;
  });
  afterAll(async () => {
    await svc?.close();
    await sim?.close();
  });
  afterEach(async () => {
    await sim.faults.clear();
    resetBreakers();
  });

  describe('checkEligibility', () => {
    it('finds an eligible household with its tier, percent and OMIS voucher', async () => {
      const p = person('E');
      await expect(programme.checkEligibility(ORG, p.nationalId)).resolves.toEqual({
        kind: 'eligible',
        householdId: p.householdId,
        category: 'E',
        tier: 1,
        incentivePercent: 90,
        memberCount: p.memberCount,
        isHouseholdHead: true,
        voucherNumber: p.voucherNumber,
      });
    });

    it('tells unknown IDs, subsidised, blocked and non-eligible households apart', async () => {
      const [unknownId] = await sim.rwanda.unknownNationalIds(1);
      await expect(programme.checkEligibility(ORG, unknownId)).resolves.toEqual({ kind: 'unknown_id' });
      const subsidised = person('1', { subsidised: true });
      await expect(programme.checkEligibility(ORG, subsidised.nationalId)).resolves.toEqual({ kind: 'already_subsidised', householdId: subsidised.householdId });
      const ongoing = person('2', { ongoingSale: true });
      await expect(programme.checkEligibility(ORG, ongoing.nationalId)).resolves.toEqual({ kind: 'blocked', householdId: ongoing.householdId, reason: 'ongoing_sale' });
      const repossessed = person('2', { repossession: true });
      await expect(programme.checkEligibility(ORG, repossessed.nationalId)).resolves.toMatchObject({ kind: 'blocked', reason: 'repossession' });
      const rich = person('A');
      await expect(programme.checkEligibility(ORG, rich.nationalId)).resolves.toEqual({ kind: 'category_not_eligible', householdId: rich.householdId, category: 'A', tier: 4 });
    });

    it('budget_spent when the tier cannot pay the cheapest product\'s incentive', async () => {
      const p = person('3');
      // Tier 3 (45 %): the cheapest product (20 000 RWF) needs 9 000.
      await admin.put('/v1/budgets/3', { totalRwf: 8999 });
      await expect(programme.checkEligibility(ORG, p.nationalId)).resolves.toEqual({ kind: 'budget_spent', householdId: p.householdId, category: '3', tier: 3 });
      await admin.put('/v1/budgets/3', { totalRwf: 9000 });
      await expect(programme.checkEligibility(ORG, p.nationalId)).resolves.toMatchObject({ kind: 'eligible', tier: 3 });
      // What the menus offer products against: the tier's available amount (0 for a tier without a budget).
      expect(await programme.budgetLeftRwf(ORG, 3)).toBe((await budget(3)).availableRwf);
      expect(await programme.budgetLeftRwf(ORG, 9)).toBe(0);
      await admin.put('/v1/budgets/3', { totalRwf: 10000000 });
    });

    it('MEIS down or slow: unavailable by the lookup deadline; OMIS failing: unavailable naming OMIS', async () => {
      const p = person('1');
      await sim.faults.set('meis', { mode: 'down' });
      let started = Date.now();
      await expect(programme.checkEligibility(ORG, p.nationalId)).resolves.toEqual({ kind: 'unavailable', system: 'MEIS' });
      expect(Date.now() - started).toBeLessThan(1500);
      resetBreakers();

      await sim.faults.set('meis', { mode: 'slow', delayMs: 5000 });
      started = Date.now();
      await expect(programme.checkEligibility(ORG, p.nationalId)).resolves.toEqual({ kind: 'unavailable', system: 'MEIS' });
      expect(Date.now() - started).toBeLessThan(1500);
      resetBreakers();

      await sim.faults.clear('meis');
      await sim.faults.set('omis', { mode: 'status', status: 503 });
      await expect(programme.checkEligibility(ORG, p.nationalId)).resolves.toEqual({ kind: 'unavailable', system: 'OMIS' });
      await sim.faults.clear('omis');
      resetBreakers();
      await expect(programme.checkEligibility(ORG, p.nationalId)).resolves.toMatchObject({ kind: 'eligible' });
    });

    it('once MEIS failed 5 times in a row, agents get the answer at once', async () => {
      const p = person('1');
      await sim.faults.set('meis', { mode: 'down' });
      for (let i = 0; i < 5; i++) await programme.checkEligibility(ORG, p.nationalId);
      const before = await sim.requests.latestSeq();
      const started = Date.now();
      await expect(programme.checkEligibility(ORG, p.nationalId)).resolves.toEqual({ kind: 'unavailable', system: 'MEIS' });
      expect(Date.now() - started).toBeLessThan(100);
      expect(await sim.requests.list({ target: 'meis', after: before })).toHaveLength(0);
    });
  });

  describe('agents', () => {
    it('finds an active agent by E.164 phone with their active companies; nobody else', async () => {
      await expect(programme.findAgent(ORG, '+250788123456')).resolves.toEqual({
        id: agent.id,
        name: 'Aline',
        companies: [{ id: company.id, code: 'SOLARCO', name: 'Solar Co' }],
        lockedUntil: null,
      });
      await expect(programme.findAgent(ORG, '+250788999999')).resolves.toBeNull();
      const temp = (await admin.post('/v1/agents', { phone: '0788555444', name: 'Temp', pin: '1234', companyIds: [company.id, otherCompany.id] })).body;
      await admin.patch(`/v1/companies/${otherCompany.id}`, { active: false });
      expect((await programme.findAgent(ORG, '+250788555444'))?.companies.map((c) => c.code)).toEqual(['SOLARCO']);
      await admin.patch(`/v1/companies/${otherCompany.id}`, { active: true });
      await admin.patch(`/v1/agents/${temp.id}`, { active: false });
      await expect(programme.findAgent(ORG, '+250788555444')).resolves.toBeNull();
    });

    it('locks an agent after 5 wrong PINs in a row, without looking at the PIN while locked; unlock and a right PIN reset', async () => {
      const a = (await admin.post('/v1/agents', { phone: '0788777666', name: 'Claude', pin: '2468', companyIds: [company.id] })).body;
      await expect(programme.verifyPin(a.id, '0000')).resolves.toEqual({ kind: 'wrong', attemptsLeft: 4 });
      await expect(programme.verifyPin(a.id, '2468')).resolves.toEqual({ kind: 'ok' }); // resets the count
      for (const left of [4, 3, 2, 1]) await expect(programme.verifyPin(a.id, '1111')).resolves.toEqual({ kind: 'wrong', attemptsLeft: left });
      const locked = await programme.verifyPin(a.id, '1111');
      expect(locked.kind).toBe('locked');
      const until = (locked as { until: Date }).until.getTime();
      expect(until).toBeGreaterThan(Date.now() + 29 * 60_000);
      expect(until).toBeLessThan(Date.now() + 31 * 60_000);
      await expect(programme.verifyPin(a.id, '2468')).resolves.toMatchObject({ kind: 'locked' });
      expect((await programme.findAgent(ORG, '+250788777666'))?.lockedUntil).toBeInstanceOf(Date);
      expect((await admin.get(`/v1/agents/${a.id}`)).body).toMatchObject({ failedPinAttempts: 0, lockedUntil: expect.any(String) });

      expect((await admin.patch(`/v1/agents/${a.id}`, { unlock: true })).body.lockedUntil).toBeNull();
      await expect(programme.verifyPin(a.id, '2468')).resolves.toEqual({ kind: 'ok' });
    });

    it('counts parallel wrong PINs one by one: of 8 at once, 4 are wrong, the 5th locks, the rest find it locked', async () => {
      const a = (await admin.post('/v1/agents', { phone: '0788777665', name: 'Dina', pin: '2468', companyIds: [company.id] })).body;
      const results = await Promise.all(Array.from({ length: 8 }, () => programme.verifyPin(a.id, '9999')));
      expect(results.filter((r) => r.kind === 'wrong').map((r) => (r as { attemptsLeft: number }).attemptsLeft).sort()).toEqual([1, 2, 3, 4]);
      expect(results.filter((r) => r.kind === 'locked')).toHaveLength(4);
      await expect(programme.verifyPin(a.id, '2468')).resolves.toMatchObject({ kind: 'locked' });
    });

    it('lists active products of a company, cheapest first, and computes incentives', async () => {
      const products = await programme.listProducts(ORG, company.id);
      expect(products.map((p) => [p.code, p.priceRwf, p.incentiveCapRwf])).toEqual([
        ['LAMP', 20000, 20000],
        ['SHS-50W', 115000, 100000],
      ]);
      expect(programme.incentiveFor(products[1], 90)).toBe(100000);
      expect(programme.incentiveFor(products[1], 70)).toBe(80500);
      await expect(programme.listProducts(ORG, 'not-a-uuid')).resolves.toEqual([]);
    });
  });

  describe('registerSale', () => {
    it('reserves the incentive, records the sale and sends it to OMIS; a replayed session gets the same answer', async () => {
      const p = person('1');
      const e = await eligible(p.nationalId);
      const before = await budget(1);
      const input = saleInput(p, e);
      const result = await programme.registerSale(input);
      expect(result).toMatchObject({ kind: 'registered', incentiveRwf: 100000, priceRwf: 115000 });
      if (result.kind !== 'registered') throw new Error('not registered');
      expect(isValidSaleReference(result.reference)).toBe(true);
      expect(result.reservedUntil.getTime() - Date.now()).toBeGreaterThan(13.9 * 24 * 3600_000);
      expect(await budget(1)).toMatchObject({ reservedRwf: before.reservedRwf + 100000, spentRwf: before.spentRwf });

      const [sale] = await ds.query(`SELECT national_id, national_id_masked, status, voucher_number, tier, incentive_percent, village FROM sales WHERE reference = $1`, [result.reference]);
      expect(sale).toEqual({
        national_id: p.nationalId,
        national_id_masked: `************${p.nationalId.slice(-4)}`,
        status: 'pending_installation',
        voucher_number: e.voucherNumber,
        tier: 1,
        incentive_percent: 90,
        village: 'Gitwa',
      });

      await eventually(async () => (await omisSale(result.reference)) !== null, 5000);
      expect((await sim.requests.list({ target: 'omis', method: 'PUT', path: `/omis/v1/sales/${result.reference}` }))[0]?.body).toEqual({
        reference: result.reference,
        householdId: p.householdId,
        nationalId: p.nationalId,
        companyCode: 'SOLARCO',
        productCode: 'SHS-50W',
        priceRwf: 115000,
        incentiveRwf: 100000,
        category: '1',
        tier: 1,
        location: LOCATION,
        registeredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
      await eventually(async () => (await ds.query(`SELECT omis_status FROM sales WHERE reference = $1`, [result.reference]))[0].omis_status === 'sent', 5000);

      const replay = await programme.registerSale(input);
      expect(replay).toEqual({ ...result, kind: 'already_registered' });
      expect((await budget(1)).reservedRwf).toBe(before.reservedRwf + 100000);

      // The household is now blocked by Limye's own pending sale, even though OMIS says nothing of it.
      await sim.rwanda.overrideStatus(p.householdId, { ongoingSale: null });
      await expect(programme.checkEligibility(ORG, p.nationalId)).resolves.toMatchObject({ kind: 'blocked', reason: 'ongoing_sale' });

      const admin1 = await admin.get(`/v1/sales/${result.reference}`);
      expect(admin1.body).toMatchObject({ reference: result.reference, status: 'pending_installation', nationalIdMasked: `************${p.nationalId.slice(-4)}`, company: { code: 'SOLARCO' } });
      expect(JSON.stringify(admin1.body)).not.toContain(p.nationalId);
      const listed = await admin.get('/v1/sales?status=pending_installation&limit=500');
      expect(listed.body.items.map((s: { reference: string }) => s.reference)).toContain(result.reference);
      expect(JSON.stringify(listed.body)).not.toContain(p.nationalId);
    });

    it('refuses a product the company does not sell, or a company the agent does not sell for', async () => {
      const p = person('1');
      const e = await eligible(p.nationalId);
      await expect(programme.registerSale(saleInput(p, e, { productId: otherProduct.id }))).resolves.toMatchObject({ kind: 'invalid' });
      await expect(programme.registerSale(saleInput(p, e, { companyId: otherCompany.id, productId: otherProduct.id }))).resolves.toMatchObject({ kind: 'invalid' });
      await expect(programme.registerSale(saleInput(p, e, { agentId: otherAgent.id }))).resolves.toMatchObject({ kind: 'invalid' });
      await expect(programme.registerSale(saleInput(p, e, { nationalId: '123' }))).resolves.toMatchObject({ kind: 'invalid' });
      expect((await ds.query(`SELECT count(*)::int AS n FROM sales WHERE household_id = $1`, [p.householdId]))[0].n).toBe(0);
    });

    it('registers only at the amounts the agent was shown: another price or incentive answers terms_changed, nothing reserved', async () => {
      const p = person('1');
      const e = await eligible(p.nationalId);
      const before = await budget(1);
      const right = saleInput(p, e).shown;
      for (const shown of [{ ...right, priceRwf: right.priceRwf - 1 }, { ...right, incentiveRwf: right.incentiveRwf + 1 }]) {
        await expect(programme.registerSale(saleInput(p, e, { shown }))).resolves.toEqual({ kind: 'terms_changed' });
      }
      expect(await budget(1)).toEqual(before);
      expect((await ds.query(`SELECT count(*)::int AS n FROM sales WHERE household_id = $1`, [p.householdId]))[0].n).toBe(0);
      await expect(programme.registerSale(saleInput(p, e))).resolves.toMatchObject({ kind: 'registered', priceRwf: right.priceRwf, incentiveRwf: right.incentiveRwf });
    });

    it('one subsidised system per household: a second sale for it (another member, another session) is blocked, nothing reserved', async () => {
      const p = person('2');
      const e = await eligible(p.nationalId);
      expect((await programme.registerSale(saleInput(p, e))).kind).toBe('registered');
      const before = await budget(2);
      const [member] = await sim.rwanda.unknownNationalIds(1);
      await expect(programme.registerSale(saleInput({ nationalId: member }, e))).resolves.toEqual({ kind: 'blocked' });
      expect(await budget(2)).toEqual(before);
      expect((await ds.query(`SELECT count(*)::int AS n FROM omis_outbox o JOIN sales s ON s.reference = o.sale_reference WHERE s.household_id = $1`, [p.householdId]))[0].n).toBe(1);
    });

    it('two agents racing for the last budget: exactly one gets it, the budget is never over-reserved', async () => {
      const tier = 3;
      const a = person('3');
      const b = person('3');
      const ea = await eligible(a.nationalId);
      const eb = await eligible(b.nationalId);
      const people = Array.from({ length: 10 }, () => person('3'));
      const outcomes = await Promise.all(people.map((p) => eligible(p.nationalId)));
      const current = await budget(tier);
      // Room for exactly one 115 000 × 45 % = 51 750 incentive.
      await admin.put(`/v1/budgets/${tier}`, { totalRwf: current.reservedRwf + current.spentRwf + 51750 + 1000 });
      const results = await Promise.all([programme.registerSale(saleInput(a, ea)), programme.registerSale(saleInput(b, eb))]);
      expect(results.map((r) => r.kind).sort()).toEqual(['budget_spent', 'registered']);
      const after = await budget(tier);
      expect(after.reservedRwf).toBe(current.reservedRwf + 51750);
      expect(after.availableRwf).toBe(1000);

      // And ten at once for room of three.
      await admin.put(`/v1/budgets/${tier}`, { totalRwf: after.reservedRwf + after.spentRwf + 3 * 51750 });
      const many = await Promise.all(people.map((p, i) => programme.registerSale(saleInput(p, outcomes[i]))));
      expect(many.filter((r) => r.kind === 'registered')).toHaveLength(3);
      expect(many.filter((r) => r.kind === 'budget_spent')).toHaveLength(7);
      expect((await budget(tier)).availableRwf).toBe(0);
      await admin.put(`/v1/budgets/${tier}`, { totalRwf: 10000000 });
    });

    it('the same session racing itself registers once', async () => {
      const p = person('1');
      const e = await eligible(p.nationalId);
      const input = saleInput(p, e);
      const [x, y] = await Promise.all([programme.registerSale(input), programme.registerSale(input)]);
      expect([x.kind, y.kind].sort()).toEqual(['already_registered', 'registered']);
      expect((x as { reference: string }).reference).toBe((y as { reference: string }).reference);
      expect((await ds.query(`SELECT count(*)::int AS n FROM sales WHERE session_key = $1`, [input.sessionKey]))[0].n).toBe(1);
    });
  });

  describe('confirmSale', () => {
    async function registered(category = '1') {
      const p = person(category);
      const e = await eligible(p.nationalId);
      const r = await programme.registerSale(saleInput(p, e));
      if (r.kind !== 'registered') throw new Error(`not registered: ${r.kind}`);
      return { ...p, reference: r.reference, incentiveRwf: r.incentiveRwf, voucherNumber: e.voucherNumber as string };
    }

    it('confirms with the household ID, moves the reservation to spent and tells OMIS; a second confirm is already_used', async () => {
      const s = await registered();
      const before = await budget(1);
      await expect(programme.confirmSale({ organisationId: ORG, agentId: agent.id, reference: s.reference, householdIdOrVoucher: s.householdId })).resolves.toEqual({
        kind: 'confirmed',
        reference: s.reference,
        incentiveRwf: s.incentiveRwf,
      });
      const after = await budget(1);
      expect(after.reservedRwf).toBe(before.reservedRwf - s.incentiveRwf);
      expect(after.spentRwf).toBe(before.spentRwf + s.incentiveRwf);
      await expect(programme.confirmSale({ organisationId: ORG, agentId: agent.id, reference: s.reference, householdIdOrVoucher: s.householdId })).resolves.toEqual({ kind: 'already_used' });
      // Another household's ID against the confirmed reference: a mismatch to re-check, not "already used".
      await expect(programme.confirmSale({ organisationId: ORG, agentId: agent.id, reference: s.reference, householdIdOrVoucher: '9999999999' })).resolves.toEqual({ kind: 'mismatch' });
      expect(await budget(1)).toEqual(after);
      await eventually(async () => (await omisSale(s.reference))?.status === 'installed', 5000);
      // Limye's own confirmed sale is enough, even while OMIS does not say so.
      await sim.rwanda.overrideStatus(s.householdId, { subsidised: false, installedAt: null });
      await expect(programme.checkEligibility(ORG, s.nationalId)).resolves.toEqual({ kind: 'already_subsidised', householdId: s.householdId });
    });

    it('a deactivated agent cannot confirm (nor pass the PIN), even in a session that already did', async () => {
      const s = await registered();
      const before = await budget(1);
      expect((await admin.patch(`/v1/agents/${agent.id}`, { active: false })).status).toBe(200);
      try {
        await expect(programme.confirmSale({ organisationId: ORG, agentId: agent.id, reference: s.reference, householdIdOrVoucher: s.householdId })).resolves.toEqual({ kind: 'not_agent' });
        await expect(programme.verifyPin(agent.id, '4821')).resolves.toEqual({ kind: 'not_agent' });
        const other = person('1');
        await expect(programme.registerSale(saleInput(other, await eligible(other.nationalId)))).resolves.toEqual({ kind: 'not_agent' });
        expect(await budget(1)).toEqual(before);
        expect((await ds.query(`SELECT status FROM sales WHERE reference = $1`, [s.reference]))[0].status).toBe('pending_installation');
      } finally {
        expect((await admin.patch(`/v1/agents/${agent.id}`, { active: true })).status).toBe(200);
      }
      await expect(programme.confirmSale({ organisationId: ORG, agentId: agent.id, reference: s.reference, householdIdOrVoucher: s.householdId })).resolves.toMatchObject({ kind: 'confirmed' });
    });

    it('confirms with the voucher number too; parallel confirms count once', async () => {
      const s = await registered();
      const before = await budget(1);
      const results = await Promise.all(
        Array.from({ length: 4 }, () => programme.confirmSale({ organisationId: ORG, agentId: agent.id, reference: s.reference, householdIdOrVoucher: ` ${s.voucherNumber} ` })),
      );
      expect(results.filter((r) => r.kind === 'confirmed')).toHaveLength(1);
      expect(results.filter((r) => r.kind === 'already_used')).toHaveLength(3);
      expect((await budget(1)).spentRwf).toBe(before.spentRwf + s.incentiveRwf);
      expect((await ds.query(`SELECT count(*)::int AS n FROM omis_outbox WHERE sale_reference = $1 AND kind = 'confirm'`, [s.reference]))[0].n).toBe(1);
    });

    it('mismatch for another household or voucher; unknown_reference for a typo or another company\'s agent', async () => {
      const s = await registered();
      await expect(programme.confirmSale({ organisationId: ORG, agentId: agent.id, reference: s.reference, householdIdOrVoucher: '9999999999' })).resolves.toEqual({ kind: 'mismatch' });
      await expect(programme.confirmSale({ organisationId: ORG, agentId: agent.id, reference: s.reference, householdIdOrVoucher: '' })).resolves.toEqual({ kind: 'mismatch' });
      const typo = s.reference.slice(0, 7) + String((Number(s.reference[7]) + 1) % 10);
      await expect(programme.confirmSale({ organisationId: ORG, agentId: agent.id, reference: typo, householdIdOrVoucher: s.householdId })).resolves.toEqual({ kind: 'unknown_reference' });
      await expect(programme.confirmSale({ organisationId: ORG, agentId: otherAgent.id, reference: s.reference, householdIdOrVoucher: s.householdId })).resolves.toEqual({ kind: 'unknown_reference' });
      expect((await ds.query(`SELECT status FROM sales WHERE reference = $1`, [s.reference]))[0].status).toBe('pending_installation');
    });

    it('expiry: the sweeper releases the reservation, queues a cancellation for OMIS; the reference is then unknown', async () => {
      const s = await registered('2');
      await eventually(async () => (await omisSale(s.reference))?.status === 'pending_installation', 5000);
      const before = await budget(2);
      await ds.query(`UPDATE sales SET reserved_until = now() - interval '1 second' WHERE reference = $1`, [s.reference]);
      // Past its date but not yet swept: already not confirmable.
      await expect(programme.confirmSale({ organisationId: ORG, agentId: agent.id, reference: s.reference, householdIdOrVoucher: s.householdId })).resolves.toEqual({ kind: 'unknown_reference' });
      await expect(svc.app.get(SaleExpirySweeper).sweep()).resolves.toBeGreaterThanOrEqual(1);
      const [row] = await ds.query(`SELECT status, expired_at FROM sales WHERE reference = $1`, [s.reference]);
      expect(row.status).toBe('expired');
      expect(row.expired_at).toBeInstanceOf(Date);
      expect((await budget(2)).reservedRwf).toBe(before.reservedRwf - s.incentiveRwf);
      const outbox = await ds.query(`SELECT kind, payload FROM omis_outbox WHERE sale_reference = $1 ORDER BY id`, [s.reference]);
      expect(outbox).toEqual([
        { kind: 'register', payload: expect.objectContaining({ reference: s.reference }) },
        { kind: 'cancel', payload: { reason: 'reservation_expired' } },
      ]);
      await eventually(async () => (await omisSale(s.reference))?.status === 'cancelled', 5000);
      await expect(svc.app.get(SaleExpirySweeper).sweep()).resolves.toBe(0);
      // The household may buy again.
      await expect(programme.checkEligibility(ORG, s.nationalId)).resolves.toMatchObject({ kind: 'eligible' });
    });
  });

  describe('OMIS outbox', () => {
    it('a sale registered and confirmed while OMIS is down reaches OMIS once it is back: registration first, confirmation exactly once', async () => {
      const p = person('1');
      const e = await eligible(p.nationalId);
      await sim.faults.set('omis', { mode: 'status', status: 503 });
      const r = await programme.registerSale(saleInput(p, e));
      if (r.kind !== 'registered') throw new Error('not registered');
      await expect(programme.confirmSale({ organisationId: ORG, agentId: agent.id, reference: r.reference, householdIdOrVoucher: p.householdId })).resolves.toMatchObject({ kind: 'confirmed' });
      await eventually(async () => {
        const [row] = await ds.query(`SELECT attempts, last_error FROM omis_outbox WHERE sale_reference = $1 AND kind = 'register'`, [r.reference]);
        return row.attempts >= 3 && /503/.test(row.last_error);
      }, 10000);
      // The confirmation waits behind the registration: never sent before it.
      expect((await omisSeen()).filter((s) => s.path === `/omis/v1/sales/${r.reference}/confirmation`)).toHaveLength(0);
      const [pending] = await ds.query(`SELECT omis_status FROM sales WHERE reference = $1`, [r.reference]);
      expect(pending.omis_status).toBe('pending');

      await sim.faults.clear('omis');
      resetBreakers();
      // No help from the test: the rows go out on their own back-off.
      await eventually(async () => (await ds.query(`SELECT omis_status FROM sales WHERE reference = $1`, [r.reference]))[0].omis_status === 'sent', 15000);
      expect((await omisSale(r.reference))?.status).toBe('installed');
      const ok = (await omisSeen()).filter((s) => s.path.startsWith(`/omis/v1/sales/${r.reference}`) && s.status >= 200 && s.status < 300).map((s) => `${s.method} ${s.path}`);
      expect(ok).toEqual([`PUT /omis/v1/sales/${r.reference}`, `POST /omis/v1/sales/${r.reference}/confirmation`]);
      await new Promise((res) => setTimeout(res, 300));
      expect((await omisSeen()).filter((s) => s.method === 'POST' && s.path.endsWith(`/v1/sales/${r.reference}/confirmation`) && s.status >= 200 && s.status < 300)).toHaveLength(1);
    });

    it('a refused registration (409) is not retried: the write fails and the sale is rejected', async () => {
      const p = person('1');
      const e = await eligible(p.nationalId);
      const r = await programme.registerSale(saleInput(p, e, { sessionKey: 'arkesel:refused-1' }));
      if (r.kind !== 'registered') throw new Error('not registered');
      // Replay its registration to an OMIS that now refuses it (another company's sale got there first).
      await eventually(async () => (await omisSale(r.reference)) !== null, 5000);
      await sim.rwanda.refuseRegistration(r.reference);
      await eventually(async () => (await ds.query(`SELECT sent_at FROM omis_outbox WHERE sale_reference = $1`, [r.reference]))[0].sent_at !== null, 5000);
      await ds.query(`UPDATE omis_outbox SET next_attempt_at = now(), sent_at = NULL WHERE sale_reference = $1`, [r.reference]);
      svc.app.get(OmisOutboxWorker).nudge();
      await eventually(async () => (await ds.query(`SELECT omis_status FROM sales WHERE reference = $1`, [r.reference]))[0].omis_status === 'rejected', 5000);
      const [row] = await ds.query(`SELECT failed_at, sent_at, last_error, attempts FROM omis_outbox WHERE sale_reference = $1`, [r.reference]);
      expect(row).toMatchObject({ sent_at: null, last_error: 'HTTP 409 household_blocked' });
      expect(row.failed_at).toBeInstanceOf(Date);
      const attempts = row.attempts;
      await new Promise((res) => setTimeout(res, 300));
      expect((await ds.query(`SELECT attempts FROM omis_outbox WHERE sale_reference = $1`, [r.reference]))[0].attempts).toBe(attempts);
      expect((await ds.query(`SELECT status FROM sales WHERE reference = $1`, [r.reference]))[0].status).toBe('rejected');
    });
  });

  describe('OMIS refuses a registration (OMIS is the authority)', () => {
    const repository = () => svc.app.get(OmisOutboxRepository);
    const saleRow = async (reference: string) =>
      (await ds.query(`SELECT status, omis_status, rejected_at, rejection_reason, confirmed_at FROM sales WHERE reference = $1`, [reference]))[0];
    const outboxRows = async (reference: string) =>
      ds.query(`SELECT id, kind, sent_at, failed_at, last_error FROM omis_outbox WHERE sale_reference = $1 ORDER BY id`, [reference]) as Promise<
        Array<{ id: string; kind: string; sent_at: Date | null; failed_at: Date | null; last_error: string | null }>
      >;
    const omisRequests = async (reference: string, suffix = '') => (await omisSeen()).filter((x) => x.path === `/omis/v1/sales/${reference}${suffix}`);

    /** A sale registered while OMIS answers 503, so its registration waits in the outbox. */
    async function registeredWhileOmisDown(category = '1') {
      await sim.faults.clear('omis');
      resetBreakers();
      const p = person(category);
      const e = await eligible(p.nationalId);
      await sim.faults.set('omis', { mode: 'status', status: 503 });
      const r = await programme.registerSale(saleInput(p, e));
      if (r.kind !== 'registered') throw new Error(`not registered: ${r.kind}`);
      return { ...p, reference: r.reference, incentiveRwf: r.incentiveRwf };
    }

    /** OMIS back, but refusing this reference (another company's sale got there first): its registration is sent now. */
    async function omisBackRefusing(reference: string) {
      await sim.rwanda.refuseRegistration(reference);
      await sim.faults.clear('omis');
      resetBreakers();
      await ds.query(`UPDATE omis_outbox SET next_attempt_at = now() WHERE sale_reference = $1 AND sent_at IS NULL AND failed_at IS NULL`, [reference]);
      svc.app.get(OmisOutboxWorker).nudge();
      await eventually(async () => (await saleRow(reference)).status === 'rejected', 10000);
    }

    it('/metrics shows the OMIS outbox backlog (writes waiting, age of the oldest) while OMIS is down, and its draining', async () => {
      const gauge = async (name: string) => {
        const text = (await http('GET', `${svc.url}/metrics`)).text;
        const m = new RegExp(`^${name}\\{[^}]*\\} ([0-9.e+-]+)$`, 'm').exec(text);
        return m ? Number(m[1]) : NaN;
      };
      const s = await registeredWhileOmisDown('2');
      await new Promise((r) => setTimeout(r, 1100));
      expect(await gauge('limye_eligibility_omis_outbox_pending')).toBeGreaterThanOrEqual(1);
      expect(await gauge('limye_eligibility_omis_outbox_oldest_seconds')).toBeGreaterThanOrEqual(1);
      await sim.faults.clear('omis');
      resetBreakers();
      await ds.query(`UPDATE omis_outbox SET next_attempt_at = now() WHERE sent_at IS NULL AND failed_at IS NULL`);
      svc.app.get(OmisOutboxWorker).nudge();
      await eventually(async () => (await saleRow(s.reference)).omis_status === 'sent', 10000);
      await eventually(async () => (await gauge('limye_eligibility_omis_outbox_pending')) === 0, 10000);
      expect(await gauge('limye_eligibility_omis_outbox_oldest_seconds')).toBe(0);
    });

    it('a pending sale: rejected with the reason, its reservation released; a later confirmation is unknown_reference and nothing reaches OMIS', async () => {
      const before = await budget(1);
      const s = await registeredWhileOmisDown('1');
      expect(await budget(1)).toMatchObject({ reservedRwf: before.reservedRwf + s.incentiveRwf, availableRwf: before.availableRwf - s.incentiveRwf });

      await omisBackRefusing(s.reference);
      const row = await saleRow(s.reference);
      expect(row).toMatchObject({ status: 'rejected', omis_status: 'rejected', rejection_reason: 'HTTP 409 household_blocked', confirmed_at: null });
      expect(row.rejected_at).toBeInstanceOf(Date);
      expect(await budget(1)).toEqual(before);
      expect(await outboxRows(s.reference)).toEqual([
        { id: expect.any(String), kind: 'register', sent_at: null, failed_at: expect.any(Date), last_error: 'HTTP 409 household_blocked' },
      ]);

      // The agent comes to install it: the sale does not exist as far as the programme is concerned.
      await expect(programme.confirmSale({ organisationId: ORG, agentId: agent.id, reference: s.reference, householdIdOrVoucher: s.householdId })).resolves.toEqual({ kind: 'unknown_reference' });
      expect(await budget(1)).toEqual(before);
      expect((await outboxRows(s.reference)).map((o) => o.kind)).toEqual(['register']);
      await new Promise((res) => setTimeout(res, 300));
      expect(await omisRequests(s.reference, '/confirmation')).toHaveLength(0);
      expect(await omisSale(s.reference)).toBeNull();

      // Programme staff see it, with the reason; the national ID stays masked.
      const shown = await admin.get(`/v1/sales/${s.reference}`);
      expect(shown.body).toMatchObject({ reference: s.reference, status: 'rejected', omisStatus: 'rejected', rejectionReason: 'HTTP 409 household_blocked', rejectedAt: expect.any(String), confirmedAt: null });
      expect(JSON.stringify(shown.body)).not.toContain(s.nationalId);
      const listed = await admin.get('/v1/sales?status=rejected&limit=500');
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((x: { reference: string }) => x.reference)).toContain(s.reference);
      expect(listed.body.items.every((x: { status: string }) => x.status === 'rejected')).toBe(true);
      expect((await admin.get('/v1/sales?status=pending_installation&limit=500')).body.items.map((x: { reference: string }) => x.reference)).not.toContain(s.reference);

      // A rejected sale is neither an ongoing sale nor a subsidy: OMIS alone says what the household is now.
      await expect(programme.checkEligibility(ORG, s.nationalId)).resolves.toMatchObject({ kind: 'eligible', householdId: s.householdId });
      const otherSale = await sim.rwanda.registerOtherCompanySale(s.householdId);
      await expect(programme.checkEligibility(ORG, s.nationalId)).resolves.toMatchObject({ kind: 'blocked', reason: 'ongoing_sale' });
      // And it does not hold the household's one pending/confirmed place.
      await sim.rwanda.cancelSale(otherSale.reference);
      const again = await programme.registerSale(saleInput(s, await eligible(s.nationalId)));
      expect(again).toMatchObject({ kind: 'registered' });
      expect((again as { reference: string }).reference).not.toBe(s.reference);
    });

    it('a sale confirmed while OMIS was down through registration and confirmation: rejected, its spent incentive released, the confirmation never sent', async () => {
      const before = await budget(1);
      const s = await registeredWhileOmisDown('1');
      await expect(programme.confirmSale({ organisationId: ORG, agentId: agent.id, reference: s.reference, householdIdOrVoucher: s.householdId })).resolves.toEqual({
        kind: 'confirmed',
        reference: s.reference,
        incentiveRwf: s.incentiveRwf,
      });
      expect(await budget(1)).toMatchObject({ reservedRwf: before.reservedRwf, spentRwf: before.spentRwf + s.incentiveRwf });
      await eventually(async () => (await omisRequests(s.reference)).length >= 2, 5000); // the registration was tried (503)

      await omisBackRefusing(s.reference);
      expect(await saleRow(s.reference)).toMatchObject({ status: 'rejected', omis_status: 'rejected', rejection_reason: 'HTTP 409 household_blocked' });
      expect(await budget(1)).toEqual(before);
      const rows = await outboxRows(s.reference);
      expect(rows.map((o) => [o.kind, o.sent_at, o.last_error])).toEqual([
        ['register', null, 'HTTP 409 household_blocked'],
        ['confirm', null, 'registration refused by OMIS'],
      ]);
      expect(rows.every((o) => o.failed_at instanceof Date)).toBe(true);
      await new Promise((res) => setTimeout(res, 300));
      expect(await omisRequests(s.reference, '/confirmation')).toHaveLength(0);
      await expect(programme.confirmSale({ organisationId: ORG, agentId: agent.id, reference: s.reference, householdIdOrVoucher: s.householdId })).resolves.toEqual({ kind: 'unknown_reference' });
      expect(await budget(1)).toEqual(before);
    });

    it('a refused confirmation keeps the money: the sale stays confirmed, omis_status rejected for an operator', async () => {
      const p = person('2');
      const e = await eligible(p.nationalId);
      const r = await programme.registerSale(saleInput(p, e));
      if (r.kind !== 'registered') throw new Error('not registered');
      await eventually(async () => (await saleRow(r.reference)).omis_status === 'sent', 5000);
      await sim.rwanda.cancelSale(r.reference); // OMIS will answer the confirmation 409 sale_cancelled
      const before = await budget(2);
      await expect(programme.confirmSale({ organisationId: ORG, agentId: agent.id, reference: r.reference, householdIdOrVoucher: p.householdId })).resolves.toMatchObject({ kind: 'confirmed' });
      await eventually(async () => (await saleRow(r.reference)).omis_status === 'rejected', 5000);
      const row = await saleRow(r.reference);
      expect(row).toMatchObject({ status: 'confirmed', rejected_at: null, rejection_reason: null });
      expect(row.confirmed_at).toBeInstanceOf(Date);
      const rows = await outboxRows(r.reference);
      expect(rows.map((o) => [o.kind, o.sent_at !== null, o.failed_at !== null, o.last_error])).toEqual([
        ['register', true, false, null],
        ['confirm', false, true, 'HTTP 409 sale_cancelled'],
      ]);
      expect(await budget(2)).toEqual({ ...before, reservedRwf: before.reservedRwf - r.incentiveRwf, spentRwf: before.spentRwf + r.incentiveRwf });
    });

    it('once only, with several replicas at once: the refusal applied three times in parallel releases the incentive once', async () => {
      const before = await budget(2);
      const s = await registeredWhileOmisDown('2');
      // Out of the worker's reach, so only the three "replicas" below act on it. OMIS stays down while they do:
      // the worker may already have taken the row before this UPDATE (its retry then moves next_attempt_at
      // back), and a retry that reached OMIS would mark the registration sent before the refusal is applied.
      await ds.query(`UPDATE omis_outbox SET next_attempt_at = now() + interval '1 hour' WHERE sale_reference = $1`, [s.reference]);
      const [reg] = await outboxRows(s.reference);
      const write = { id: reg.id, saleReference: s.reference, kind: 'register' as const, payload: {}, attempts: 1 };
      const results = await Promise.all([1, 2, 3].map(() => repository().markRegistrationRefused(write, 'HTTP 409 household_blocked')));
      expect(results.filter((x) => x !== null)).toEqual([
        { previousStatus: 'pending_installation', tier: 2, incentiveRwf: s.incentiveRwf, released: 'reserved', nationalIdMasked: `************${s.nationalId.slice(-4)}`, writesStopped: [] },
      ]);
      expect(await budget(2)).toEqual(before);
      await expect(repository().markRegistrationRefused(write, 'HTTP 409 household_blocked')).resolves.toBeNull();
      expect(await budget(2)).toEqual(before);
    });

    it('a confirmation racing the refusal: whichever wins, the incentive ends up released and nothing is sent after the refusal', async () => {
      for (let round = 0; round < 4; round++) {
        const before = await budget(1);
        const s = await registeredWhileOmisDown('1');
        await ds.query(`UPDATE omis_outbox SET next_attempt_at = now() + interval '1 hour' WHERE sale_reference = $1`, [s.reference]);
        const [reg] = await outboxRows(s.reference);
        const write = { id: reg.id, saleReference: s.reference, kind: 'register' as const, payload: {}, attempts: 1 };
        const [confirmed, refusal] = await Promise.all([
          programme.confirmSale({ organisationId: ORG, agentId: agent.id, reference: s.reference, householdIdOrVoucher: s.householdId }),
          repository().markRegistrationRefused(write, 'HTTP 409 household_blocked'),
        ]);
        expect(['confirmed', 'unknown_reference']).toContain(confirmed.kind);
        expect(refusal?.previousStatus).toBe(confirmed.kind === 'confirmed' ? 'confirmed' : 'pending_installation');
        expect(refusal?.released).toBe(confirmed.kind === 'confirmed' ? 'spent' : 'reserved');
        expect((await saleRow(s.reference)).status).toBe('rejected');
        expect(await budget(1)).toEqual(before);
        const rows = await outboxRows(s.reference);
        expect(rows.every((o) => o.sent_at === null && o.failed_at instanceof Date)).toBe(true);
      }
    });

    it('an expired sale whose registration OMIS then refuses: rejected, no money moved twice, its cancellation never sent', async () => {
      const s = await registeredWhileOmisDown('3');
      await ds.query(`UPDATE sales SET reserved_until = now() - interval '1 second' WHERE reference = $1`, [s.reference]);
      await svc.app.get(SaleExpirySweeper).sweep();
      expect((await saleRow(s.reference)).status).toBe('expired');
      const afterExpiry = await budget(3);
      await omisBackRefusing(s.reference);
      expect(await saleRow(s.reference)).toMatchObject({ status: 'rejected', rejection_reason: 'HTTP 409 household_blocked' });
      expect(await budget(3)).toEqual(afterExpiry);
      expect((await outboxRows(s.reference)).map((o) => [o.kind, o.sent_at, o.last_error])).toEqual([
        ['register', null, 'HTTP 409 household_blocked'],
        ['cancel', null, 'registration refused by OMIS'],
      ]);
      await new Promise((res) => setTimeout(res, 300));
      expect(await omisRequests(s.reference, '/cancellation')).toHaveLength(0);
    });

    it('OMIS refusing our API key (401) is not a refusal of the sale: retried, the sale stays pending with its reservation until the key is right', async () => {
      const before = await budget(1);
      const p = person('1');
      const e = await eligible(p.nationalId);
      // What a wrong OMIS_API_KEY does: the simulator answers 401 to any other key.
      const headers = ((svc.app.get(OMIS_CLIENT) as OmisHttpClient).http as unknown as { defaultHeaders: Record<string, string> }).defaultHeaders;
      const rightKey = headers['x-api-key'];
      headers['x-api-key'] = 'a-wrong-key';
      let reference: string;
      try {
        const r = await programme.registerSale(saleInput(p, e));
        if (r.kind !== 'registered') throw new Error('not registered');
        reference = r.reference;
        await eventually(async () => {
          const [row] = await ds.query(`SELECT attempts, last_error, failed_at FROM omis_outbox WHERE sale_reference = $1`, [reference]);
          return row.attempts >= 2 && /^HTTP 401 unauthorized/.test(row.last_error) && row.failed_at === null;
        }, 10000);
        expect(await saleRow(reference)).toMatchObject({ status: 'pending_installation', omis_status: 'pending', rejected_at: null });
        expect(await budget(1)).toMatchObject({ reservedRwf: before.reservedRwf + r.incentiveRwf, spentRwf: before.spentRwf });
      } finally {
        headers['x-api-key'] = rightKey;
      }
      await ds.query(`UPDATE omis_outbox SET next_attempt_at = now() WHERE sale_reference = $1`, [reference]);
      svc.app.get(OmisOutboxWorker).nudge();
      await eventually(async () => (await saleRow(reference)).omis_status === 'sent', 10000);
      expect(await omisSale(reference)).not.toBeNull();
      expect((await saleRow(reference)).status).toBe('pending_installation');
    });
  });
});
