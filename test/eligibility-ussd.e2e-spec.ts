import { LocalStack } from '@limye/local-stack';
import { eventually, startTestStack } from '@limye/testing';
import { suffix } from './e2e-helpers';
import {
  Agent,
  EligibilityWorld,
  expectScreen,
  kigaliDate,
  kigaliHhMm,
  LARGE_BUDGET_RWF,
  masked,
  parseCsv,
  rwf,
  SCREENS,
} from './eligibility-e2e-helpers';
import { Dialer, E2E_USSD_REPEAT_WINDOW_MS, postRaw, rwandaPhone } from './ussd-dialers';

/**
 * The RBF eligibility USSD tool end to end: the eligibility service and the sandbox (as OMIS and MEIS)
 * each their own process. The tests dial complete sessions over HTTP through both gateway protocols, and
 * check the side effects in OMIS (sandbox control API) and in Limye (admin API).
 *
 * Households come from the sandbox at random offsets (the sandbox is fresh per stack, Limye's schema is
 * not), each used by one test only.
 */
describe('RBF eligibility over USSD, end to end', () => {
  let stack: LocalStack;
  let w: EligibilityWorld;
  let firstDay: string;
  /** Company A sells product P1 (100,000 RWF, cap 85,000); company B sells P2 (200,000 RWF, cap 150,000). */
  let companyA: { id: string; name: string };
  let companyB: { id: string; name: string };
  let p1: { name: string };
  let p2: { name: string };
  /** Sells for A only (one company: no company screen), over Africa's Talking in English. */
  let agentA: Agent;
  /** Sells for A and B, over Arkesel in Kinyarwanda. */
  let agentB: Agent;
  /** A second agent of A, for the race. */
  let agentC: Agent;
  /** A subsidised household's ID: its check needs both MEIS and OMIS to answer. */
  let probeId: string;

  beforeAll(async () => {
    firstDay = kigaliDate();
    stack = await startTestStack({
      services: ['sandbox', 'eligibility'],
      env: { OMIS_OUTBOX_POLL_MS: '200', LOG_LEVEL: 'warn', USSD_REPEAT_WINDOW_MS: String(E2E_USSD_REPEAT_WINDOW_MS) },
    });
    w = new EligibilityWorld(stack);
    const s = suffix();
    companyA = await w.createCompany(`Izuba ${s}`);
    companyB = await w.createCompany(`Akira ${s}`);
    p1 = await w.createProduct(companyA.id, { name: `SHS 50W ${s}`, priceRwf: 100_000, incentiveCapRwf: 85_000 });
    p2 = await w.createProduct(companyB.id, { name: `SHS 100W ${s}`, priceRwf: 200_000, incentiveCapRwf: 150_000 });
    agentA = await w.createAgent([companyA.id]);
    agentB = await w.createAgent([companyA.id, companyB.id], '739164');
    agentC = await w.createAgent([companyA.id], '615208');
    for (const tier of [1, 2, 3]) await w.setAvailable(tier, LARGE_BUDGET_RWF);
    probeId = (await w.pickHouseholds('subsidised', 1))[0].headNationalId;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  afterEach(async () => {
    await w.clearFaults();
  });

  // ── 1. eligible → registered → confirmed, both protocols, both languages ──────────────────────────────

  it("Africa's Talking, English: a new phone picks its language, registers an eligible household, and confirms it with the household ID", async () => {
    const [h] = await w.pickHouseholds('eligible', 1, '1');
    const before = await w.budget(1);

    const d = w.at(agentA.phone);
    expectScreen(await d.dial(), 'en', 'language', false);
    expectScreen(await d.send('1'), 'en', 'home', false);
    expectScreen(await d.send('2'), 'en', 'pin', false);
    expectScreen(await d.send(agentA.pin), 'en', 'enterId', false);
    const afterId = await w.typeId(d, h.headNationalId);
    const confirm = await w.walkToSaleConfirm(d, 'en', afterId, { productName: p1.name });
    expect(confirm.text).toMatch(new RegExp(`ID \\.\\.\\.${h.headNationalId.slice(-4)}, cat\\. 1 \\(90%\\)`));
    expect(confirm.text).toMatch(/Price 100,000 RWF/);
    // 90 % of 100,000 is 90,000, above the product's cap.
    const [, incentive, code] = expectScreen(confirm, 'en', 'saleConfirm', false);
    expect(rwf(incentive)).toBe(85_000);
    // The confirmation asks for the ID's last 4 digits (a gateway's copy of "1" cannot confirm a sale).
    expect(code).toBe(h.headNationalId.slice(-4));
    const done = expectScreen(await d.send(code), 'en', 'registered', true);
    const reference = done[1];
    expect(rwf(done[2])).toBe(85_000);

    const sale = await w.sale(reference);
    expect(sale).toMatchObject({
      status: 'pending_installation',
      householdId: h.householdId,
      nationalIdMasked: masked(h.headNationalId),
      tier: 1,
      incentivePercent: 90,
      priceRwf: 100_000,
      incentiveRwf: 85_000,
      voucherNumber: h.voucherNumber,
      agent: { id: agentA.id },
      company: { id: companyA.id },
    });
    const reserved = await w.budget(1);
    expect(reserved.reservedRwf).toBe(before.reservedRwf + 85_000);
    expect(reserved.spentRwf).toBe(before.spentRwf);

    const inOmis = await w.waitOmisStatus(reference, 'pending_installation');
    expect(inOmis.sale).toMatchObject({ householdId: h.householdId, incentiveRwf: 85_000 });
    expect(inOmis.requests.put).toBe(1);
    // The household is now blocked for everyone else.
    expectScreen(await w.check(h.members[h.members.length - 1].nationalId), 'en', 'blocked', true);

    // Installation: the same phone again goes straight to the menu, in English.
    const d2 = w.at(agentA.phone);
    expectScreen(await d2.dial(), 'en', 'home', false);
    expectScreen(await d2.send('3'), 'en', 'pin', false);
    expectScreen(await d2.send(agentA.pin), 'en', 'reference', false);
    expectScreen(await d2.send(reference), 'en', 'household', false);
    expect(expectScreen(await w.typeId(d2, h.householdId), 'en', 'confirmed', true)[1]).toBe(reference);

    expect(await w.sale(reference)).toMatchObject({ status: 'confirmed' });
    const spent = await w.budget(1);
    expect(spent.reservedRwf).toBe(before.reservedRwf);
    expect(spent.spentRwf).toBe(before.spentRwf + 85_000);
    const installed = await w.waitOmisStatus(reference, 'installed');
    expect(installed.sale?.vouchersUsed).toBe(h.memberCount);
    await eventually(async () => (await w.sale(reference)).omisStatus === 'sent');
    expect((await w.omis(reference)).requests).toEqual({ put: 1, confirmation: 1, cancellation: 0 });
  });

  it('Arkesel, Kinyarwanda: a new phone picks Kinyarwanda, checks then registers (agent of two companies), and confirms with the voucher number', async () => {
    // Category E is mapped to tier 1 (RBF_CATEGORY_MAP default): 90 %.
    const [h] = await w.pickHouseholds('eligible', 1, 'E');
    const before = await w.budget(1);

    const d = w.arkesel(agentB.phone);
    expectScreen(await d.dial(), 'en', 'language', false);
    expectScreen(await d.send('2'), 'rw', 'home', false);
    expectScreen(await d.send('1'), 'rw', 'enterId', false);
    const eligible = expectScreen(await w.typeId(d, h.headNationalId), 'rw', 'eligible', false);
    expect(eligible.slice(1, 3)).toEqual(['90', 'E']);
    const pin = await d.send('1');
    const confirm = await w.walkToSaleConfirm(d, 'rw', pin, { pin: agentB.pin, companyName: companyB.name, productName: p2.name });
    expect(confirm.text).toMatch(/Igiciro 200,000 Frw/);
    const [, incentive, code] = expectScreen(confirm, 'rw', 'saleConfirm', false);
    expect(rwf(incentive)).toBe(150_000);
    const done = expectScreen(await d.send(code), 'rw', 'registered', true);
    const reference = done[1];
    expect(rwf(done[2])).toBe(150_000);

    expect(await w.sale(reference)).toMatchObject({ status: 'pending_installation', householdId: h.householdId, category: 'E', tier: 1, incentiveRwf: 150_000, company: { id: companyB.id } });
    expect((await w.budget(1)).reservedRwf).toBe(before.reservedRwf + 150_000);
    expect((await w.waitOmisStatus(reference, 'pending_installation')).requests.put).toBe(1);

    // A second session from the same phone: no language question, Kinyarwanda straight away.
    const d2 = w.arkesel(agentB.phone);
    expectScreen(await d2.dial(), 'rw', 'home', false);
    expectScreen(await d2.send('3'), 'rw', 'pin', false);
    expectScreen(await d2.send(agentB.pin), 'rw', 'reference', false);
    expectScreen(await d2.send(reference), 'rw', 'household', false);
    expect(expectScreen(await w.typeId(d2, h.voucherNumber), 'rw', 'confirmed', true)[1]).toBe(reference);

    const spent = await w.budget(1);
    expect(spent.reservedRwf).toBe(before.reservedRwf);
    expect(spent.spentRwf).toBe(before.spentRwf + 150_000);
    await w.waitOmisStatus(reference, 'installed');
    await eventually(async () => (await w.sale(reference)).omisStatus === 'sent');
    expect((await w.omis(reference)).requests.confirmation).toBe(1);
  });

  // ── 2–4. the other answers of a check ─────────────────────────────────────────────────────────────────

  it('an already subsidised household is told so (END), by its head and by another member, in both languages', async () => {
    const candidates = await w.pickHouseholds('subsidised', 5);
    const h = candidates.find((x) => x.members.some((m) => !m.isHead)) ?? candidates[0];
    const member = h.members.find((m) => !m.isHead) ?? h.members[0];
    expect(h.omis.subsidised).toBe(true);

    expectScreen(await w.check(h.headNationalId), 'en', 'subsidised', true);

    const d = w.arkesel();
    await w.home(d, 'rw');
    expectScreen(await d.send('1'), 'rw', 'enterId', false);
    expectScreen(await w.typeId(d, member.nationalId), 'rw', 'subsidised', true);
  });

  it.each(['ongoing_sale', 'repossession'] as const)('a household with %s in OMIS is blocked (END)', async (status) => {
    const [h] = await w.pickHouseholds(status, 1);
    if (status === 'ongoing_sale') expect(h.omis.ongoingSale).toBeTruthy();
    else expect(h.omis.repossession).toBe(true);
    expectScreen(await w.check(h.headNationalId), 'en', 'blocked', true);
  });

  it("an unknown ID, then the household head's ID in the same session: eligible", async () => {
    const [unknown] = await w.unknownIds(1);
    const [h] = await w.pickHouseholds('eligible', 1, '2');
    const d = w.at();
    await w.home(d, 'en');
    expectScreen(await d.send('1'), 'en', 'enterId', false);
    expectScreen(await w.typeId(d, unknown), 'en', 'unknownId', false);
    const eligible = expectScreen(await w.typeId(d, h.headNationalId), 'en', 'eligible', false);
    expect(eligible.slice(1, 3)).toEqual(['70', '2']);
  });

  // ── 7. only agents register ───────────────────────────────────────────────────────────────────────────

  it('a phone that is not an agent cannot register or confirm: END, and no sale, no reservation', async () => {
    const [h] = await w.pickHouseholds('eligible', 1, '3');
    const before = await w.budget(3);
    const d = w.at();
    await w.home(d, 'en');
    expectScreen(await d.send('1'), 'en', 'enterId', false);
    expect(expectScreen(await w.typeId(d, h.headNationalId), 'en', 'eligible', false).slice(1, 3)).toEqual(['45', '3']);
    expectScreen(await d.send('1'), 'en', 'notAgent', true);

    for (const option of ['2', '3']) {
      const again = w.at(d.phone);
      await w.home(again, 'en');
      expectScreen(await again.send(option), 'en', 'notAgent', true);
    }

    expect(await w.salesOf([h.householdId])).toEqual([]);
    expect(await w.budget(3)).toEqual(before);
    // Still eligible: nothing was reserved for it.
    expectScreen(await w.check(h.headNationalId), 'en', 'eligible', false);
  });

  // ── robustness of a session ───────────────────────────────────────────────────────────────────────────

  it('bad input gets a helpful screen and the session goes on (both protocols)', async () => {
    const [h1, h2] = await w.pickHouseholds('eligible', 2, '1');

    const d = w.at();
    expectScreen(await d.dial(), 'en', 'language', false);
    let s = await d.send('x');
    expectScreen(s, 'en', 'digitsOnly', false);
    expectScreen(s, 'en', 'language', false);
    expectScreen(await d.send('1'), 'en', 'home', false);
    s = await d.send('7');
    expectScreen(s, 'en', 'invalidChoice', false);
    expectScreen(s, 'en', 'home', false);
    expectScreen(await d.send('1'), 'en', 'enterId', false);
    s = await d.send('11987ABC00001201');
    expectScreen(s, 'en', 'idNotDigits', false);
    expectScreen(s, 'en', 'enterId', false);
    s = await d.send('12345');
    expect(expectScreen(s, 'en', 'idWrongLength', false)[1]).toBe('5');
    expectScreen(s, 'en', 'enterId', false);
    s = await d.send('');
    expectScreen(s, 'en', 'empty', false);
    expectScreen(s, 'en', 'enterId', false);
    expectScreen(await w.typeId(d, h1.headNationalId), 'en', 'eligible', false);

    const a = w.arkesel();
    await w.home(a, 'en');
    s = await a.send('');
    expectScreen(s, 'en', 'invalidChoice', false);
    expectScreen(s, 'en', 'home', false);
    expectScreen(await a.send('1'), 'en', 'enterId', false);
    s = await a.send('');
    expectScreen(s, 'en', 'empty', false);
    s = await a.send(h2.headNationalId.slice(0, 15));
    expect(expectScreen(s, 'en', 'idWrongLength', false)[1]).toBe('15');
    expectScreen(await w.typeId(a, h2.headNationalId), 'en', 'eligible', false);
  });

  it("a replayed Africa's Talking hop gets the same screen and nothing is done twice", async () => {
    const [h] = await w.pickHouseholds('eligible', 1, '1');
    const before = await w.budget(1);
    const d = w.at(agentA.phone);
    await w.home(d, 'en');
    expectScreen(await d.send('2'), 'en', 'pin', false);
    expectScreen(await d.send(agentA.pin), 'en', 'enterId', false);
    const products = await w.typeId(d, h.headNationalId);
    expectScreen(products, 'en', 'product', false);
    const checks = await w.metric('limye_eligibility_checks_total', {});
    expect(await d.replay()).toEqual(products);
    expect(await w.metric('limye_eligibility_checks_total', {})).toBe(checks);

    await w.walkToSaleConfirm(d, 'en', products, { productName: p1.name });
    // The final code twice at once (a double press), then once more later (a gateway retry).
    const [x, y] = await d.sendCopies(h.headNationalId.slice(-4), 2);
    const reference = expectScreen(x, 'en', 'registered', true)[1];
    expect(y).toEqual(x);
    expect(await d.replay()).toEqual(x);

    const sales = await w.salesOf([h.householdId]);
    expect(sales.map((s) => s.reference)).toEqual([reference]);
    expect((await w.budget(1)).reservedRwf).toBe(before.reservedRwf + 85_000);
    await w.waitOmisStatus(reference, 'pending_installation');
    await eventually(async () => (await w.sale(reference)).omisStatus === 'sent');
    expect((await w.omis(reference)).requests.put).toBe(1);
  });

  it('a request missing fields gets 200 and an END screen in the gateway format, and is logged as bad_request', async () => {
    const at = `${w.eligibility}/v1/ussd/africastalking`;
    const ark = `${w.eligibility}/v1/ussd/arkesel`;
    const phone = rwandaPhone();
    const atNoPhone = `ATUid_nophone_${suffix()}`;
    const arkNoMsisdn = `ark-nomsisdn-${suffix()}`;
    for (const body of [
      new URLSearchParams({ sessionId: atNoPhone, serviceCode: '*662*100#', text: '' }),
      new URLSearchParams({ serviceCode: '*662*100#', phoneNumber: phone, text: '1' }),
      new URLSearchParams({}),
    ]) {
      const r = await postRaw(at, body.toString(), 'application/x-www-form-urlencoded');
      expect(r.status).toBe(200);
      expect(r.contentType).toMatch(/^text\/plain/);
      expect(r.text).toMatch(/^END /);
      expect(r.text).toMatch(SCREENS.en.badRequest);
    }
    for (const body of [
      JSON.stringify({ sessionID: arkNoMsisdn, newSession: true, userData: '*662*100#' }),
      JSON.stringify({ msisdn: phone.slice(1), newSession: false, userData: '1' }),
      '{"sessionID": "ark-broken", ',
    ]) {
      const r = await postRaw(ark, body, 'application/json');
      expect(r.status).toBe(200);
      expect(r.contentType).toMatch(/^application\/json/);
      const reply = JSON.parse(r.text);
      expect(reply.continueSession).toBe(false);
      expect(reply.message).toMatch(SCREENS.en.badRequest);
    }
    const csv = await w.requestLogCsv(kigaliDate(), kigaliDate());
    const rows = parseCsv(csv.text);
    const [session, outcome] = ['session', 'outcome'].map((c) => rows[0].indexOf(c));
    for (const id of [atNoPhone, arkNoMsisdn]) expect(rows.filter((r) => r[session] === id).map((r) => r[outcome])).toEqual(['bad_request']);
  });

  it('five wrong PINs lock the agent (END with the time); afterwards even the right PIN is refused', async () => {
    const agent = await w.createAgent([companyA.id], '305917');
    // A session already at the PIN screen before the lock.
    const early = w.at(agent.phone);
    await w.home(early, 'en');
    expectScreen(await early.send('2'), 'en', 'pin', false);

    const d = w.at(agent.phone);
    await w.home(d, 'en');
    expectScreen(await d.send('2'), 'en', 'pin', false);
    for (const left of ['4', '3', '2', '1']) expect(expectScreen(await d.send('111111'), 'en', 'wrongPin', false)[1]).toBe(left);
    const t0 = Date.now();
    const locked = expectScreen(await d.send('111111'), 'en', 'pinLocked', true);
    const t1 = Date.now();
    // Locked for AGENT_LOCK_MINUTES (30), shown as Kigali time.
    const candidates = new Set<string>();
    for (let t = t0 + 29 * 60_000; t <= t1 + 31 * 60_000; t += 30_000) candidates.add(kigaliHhMm(new Date(t)));
    expect(candidates).toContain(locked[1]);
    const view = await w.admin('GET', `/v1/agents/${agent.id}`);
    expect(view.body.lockedUntil).not.toBeNull();
    expect(Math.abs(Date.parse(view.body.lockedUntil) - (t0 + 30 * 60_000))).toBeLessThan(60_000);

    expectScreen(await early.send(agent.pin), 'en', 'pinLocked', true);
    const sixth = w.at(agent.phone);
    await w.home(sixth, 'en');
    expectScreen(await sixth.send('2'), 'en', 'pinLocked', true);
  });

  // ── 5–6. budgets ──────────────────────────────────────────────────────────────────────────────────────

  it('a budget that runs out mid-day: after the one sale it could pay, the next household of the tier is "currently not eligible"', async () => {
    const [h1, h2] = await w.pickHouseholds('eligible', 2, '2');
    try {
      // Tier 2 is 70 %: P1's incentive is 70,000, and exactly one fits.
      await w.setAvailable(2, 70_000);
      expectScreen(await w.check(h2.headNationalId), 'en', 'eligible', false);
      const sale = await w.registerSale(w.at(agentA.phone), agentA, h1.headNationalId, { productName: p1.name });
      expect(sale.incentiveRwf).toBe(70_000);
      expect((await w.budget(2)).availableRwf).toBe(0);

      expect(expectScreen(await w.check(h2.headNationalId), 'en', 'budgetSpent', true)[1]).toBe('2');
      const d = w.arkesel();
      await w.home(d, 'rw');
      await d.send('1');
      expect(expectScreen(await w.typeId(d, h2.headNationalId), 'rw', 'budgetSpent', true)[1]).toBe('2');
    } finally {
      await w.setAvailable(2, LARGE_BUDGET_RWF);
    }
    // Only the budget stood in the way.
    expectScreen(await w.check(h2.headNationalId), 'en', 'eligible', false);
  });

  it('two agents racing for the last incentive: exactly one sale is registered, the other agent hears the budget is spent', async () => {
    const [hx, hy] = await w.pickHouseholds('eligible', 2, '3');
    try {
      // Tier 3 is 45 %: P1's incentive is 45,000; room for one.
      await w.setAvailable(3, 45_000);
      const x = w.at(agentA.phone);
      const y = w.arkesel(agentC.phone);
      const toConfirmation = async (d: Dialer, agent: Agent, nationalId: string) => {
        await w.home(d, 'en');
        await d.send('1');
        expectScreen(await w.typeId(d, nationalId), 'en', 'eligible', false);
        return w.walkToSaleConfirm(d, 'en', await d.send('1'), { pin: agent.pin, productName: p1.name });
      };
      const ready = await Promise.all([toConfirmation(x, agentA, hx.headNationalId), toConfirmation(y, agentC, hy.headNationalId)]);
      for (const screen of ready) expect(rwf(expectScreen(screen, 'en', 'saleConfirm', false)[1])).toBe(45_000);
      const before = await w.budget(3);

      const answers = await Promise.all([x.send(hx.headNationalId.slice(-4)), y.send(hy.headNationalId.slice(-4))]);
      const won = answers.filter((a) => SCREENS.en.registered.test(a.text));
      const lost = answers.filter((a) => SCREENS.en.budgetSpent.test(a.text));
      expect({ won: won.length, lost: lost.length }).toEqual({ won: 1, lost: 1 });
      for (const a of answers) expect(a.end).toBe(true);

      const after = await w.budget(3);
      expect(after.reservedRwf).toBe(before.reservedRwf + 45_000);
      expect(after.availableRwf).toBe(0);
      const sales = await w.salesOf([hx.householdId, hy.householdId]);
      expect(sales).toHaveLength(1);
      expect(sales[0].reference).toBe(SCREENS.en.registered.exec(won[0].text)?.[1]);
      expect(sales[0].householdId).toBe(answers[0] === won[0] ? hx.householdId : hy.householdId);
    } finally {
      await w.setAvailable(3, LARGE_BUDGET_RWF);
    }
  });

  // ── national systems failing ──────────────────────────────────────────────────────────────────────────

  it.each(['meis', 'omis'] as const)('%s not answering during a check: a polite END within 3 s', async (target) => {
    const [h] = await w.pickHouseholds('eligible', 1, '1');
    const d = w.at();
    await w.home(d, 'en');
    expectScreen(await d.send('1'), 'en', 'enterId', false);
    await w.fault(target, { mode: 'timeout' });
    try {
      const started = performance.now();
      const s = await w.typeId(d, h.headNationalId);
      const elapsed = performance.now() - started;
      expectScreen(s, 'en', 'unavailable', true);
      expect(elapsed).toBeLessThan(3000);
    } finally {
      await w.clearFaults();
    }
    await w.waitForNationalSystems(probeId);
  });

  it('OMIS down while a sale is confirmed: the agent is told it is confirmed, and OMIS gets the confirmation exactly once when it is back', async () => {
    const [h] = await w.pickHouseholds('eligible', 1, '1');
    const { reference } = await w.registerSale(w.at(agentA.phone), agentA, h.headNationalId, { productName: p1.name });
    await w.waitOmisStatus(reference, 'pending_installation');
    const before = await w.budget(1);
    const retries = await w.metric('limye_eligibility_omis_outbox_sends_total', { kind: 'confirm', verdict: 'retry' });

    await w.fault('omis', { mode: 'down' });
    try {
      expectScreen(await w.confirmSale(w.at(agentA.phone), agentA, reference, h.householdId), 'en', 'confirmed', true);
      expect(await w.sale(reference)).toMatchObject({ status: 'confirmed', omisStatus: 'pending' });
      const after = await w.budget(1);
      expect(after.reservedRwf).toBe(before.reservedRwf - 85_000);
      expect(after.spentRwf).toBe(before.spentRwf + 85_000);
      // Limye has tried OMIS and will try again; OMIS still has the sale pending.
      await eventually(async () => (await w.metric('limye_eligibility_omis_outbox_sends_total', { kind: 'confirm', verdict: 'retry' })) > retries);
      const meanwhile = await w.omis(reference);
      expect(meanwhile.sale?.status).toBe('pending_installation');
      expect(meanwhile.requests.confirmation).toBe(0);
    } finally {
      await w.clearFaults();
    }

    // Back up: the queued confirmation arrives (after the circuit breaker's pause, if it opened).
    await w.waitOmisStatus(reference, 'installed', 40_000);
    await eventually(async () => (await w.sale(reference)).omisStatus === 'sent');
    expect((await w.omis(reference)).requests).toEqual({ put: 1, confirmation: 1, cancellation: 0 });
    await w.waitForNationalSystems(probeId);
  });

  // ── request log ───────────────────────────────────────────────────────────────────────────────────────

  it("the request-log CSV of today has this file's sessions, national IDs only masked and no PIN", async () => {
    // Sessions of its own (so this test also stands alone), on top of every session dialled above.
    const [h] = await w.pickHouseholds('eligible', 1, '1');
    expectScreen(await w.check(h.headNationalId), 'en', 'eligible', false);
    const d = w.arkesel(agentB.phone);
    await w.home(d, 'rw');
    expectScreen(await d.send('2'), 'rw', 'pin', false);
    expectScreen(await d.send(agentB.pin), 'rw', 'enterId', false);
    await w.typeId(d, h.members[h.members.length - 1].nationalId);

    const r = await w.requestLogCsv(firstDay, kigaliDate());
    expect(r.status).toBe(200);
    expect(r.contentType).toMatch(/^text\/csv/);
    expect(r.bom).toBe(true);
    const rows = parseCsv(r.text);
    const header = rows[0];
    expect(header).toEqual(expect.arrayContaining(['time', 'phone (masked)', 'gateway', 'session', 'input', 'screen', 'outcome', 'national ID (masked)']));
    const col = (name: string) => header.indexOf(name);
    const data = rows.slice(1);
    expect(data.length).toBeGreaterThan(0);

    const sessions = new Set(data.map((row) => row[col('session')]));
    const missing = w.sessions.map((d) => d.sessionId).filter((id) => !sessions.has(id));
    expect(missing).toEqual([]);
    // Phones masked by default, Rwandan ones as 07** *** 123 (the last 3 digits); no agent's number in full.
    const agentPhone = agentB.phone.replace(/^\+250\d{6}(\d{3})$/, '07** *** $1');
    expect(data.some((row) => row[col('phone (masked)')] === agentPhone && row[col('session')] === d.sessionId && row[col('gateway')] === 'arkesel')).toBe(true);
    for (const agent of w.agents) {
      const national = agent.phone.replace(/^\+250/, '');
      for (const form of [agent.phone, `0${national}`, national.replace(/^(\d{3})(\d{3})(\d{3})$/, '0$1 $2 $3')]) expect(r.text).not.toContain(form);
    }

    expect(w.typedIds.size).toBeGreaterThan(0);
    expect([...w.typedIds].some((id) => id.length === 16)).toBe(true);
    for (const id of w.typedIds) {
      expect(r.text).not.toContain(id);
      // National IDs (16 digits) keep their last 4; household IDs (10) and vouchers (8), as long as a PIN
      // typed twice, are hidden whole.
      if (id.length === 16) expect(r.text).toContain(masked(id));
    }
    // Every agent's PIN, and the wrong one typed in the lockout test.
    for (const pin of [...w.agents.map((a) => a.pin), '111111']) expect(r.text).not.toContain(pin);
    expect(data.some((row) => row[col('input')] === '****')).toBe(true);
  });
});
