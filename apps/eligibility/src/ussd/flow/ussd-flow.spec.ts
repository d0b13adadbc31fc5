import { DEFAULT_ORGANISATION_ID } from '@limye/platform';
import { RwandaLocations } from '../../locations/rwanda-locations';
import type { EligibilityOutcome } from '../../programme/rbf-programme.port';
import { isGsm7, septetLength } from '../domain/gsm7';
import { Language } from '../messages/catalogue';
import { CATALOGUES } from '../messages/render';
import { InMemoryRbfProgramme } from '../testing/in-memory-rbf-programme';
import { FlowState } from './flow-state';
import { SessionClaimLost, StepResult, UssdFlow } from './ussd-flow';

/** 12:00 in Kigali (UTC+2). */
const NOW = new Date('2026-11-22T10:00:00Z');
const AGENT_PHONE = '+250788000001';
const OTHER_PHONE = '+250788999999';
const PIN = '4821';
/** A second organisation (another programme) using the same USSD channel. */
const ORG_B = '00000000-0000-4000-8000-0000000000b2';

/** The confirmation screen's code: the ID's last 4 digits (a copied "1" can never confirm a sale). */
const confirmCode = (id: string) => id.slice(-4);

const ID = {
  eligible: '1198780012345012',
  head: '1197070054321017',
  member: '1200080011111011',
  subsidised: '1199070012345013',
  notEligible: '1199580012345014',
  blocked: '1198880012345015',
  budget: '1198170012345016',
  unknown: '1199980012345018',
  unavailable: '1196570012345019',
};

const ELIGIBLE: Extract<EligibilityOutcome, { kind: 'eligible' }> = {
  kind: 'eligible',
  householdId: 'HH-1',
  category: '1',
  tier: 1,
  incentivePercent: 90,
  memberCount: 4,
  isHouseholdHead: true,
};

/** A small hierarchy; the one cell of Gitega has 25 villages, so its list has several pages. */
const VILLAGES = Array.from({ length: 25 }, (_, i) => `Umudugudu${String(i + 1).padStart(2, '0')}`);
const LOCATIONS = new RwandaLocations({
  provinces: [
    { name: 'Amajyepfo', districts: [{ name: 'Huye', sectors: [{ name: 'Ngoma', cells: [{ name: 'Butare', villages: ['Agakombe'] }] }] }] },
    {
      name: 'Umujyi wa Kigali',
      districts: [
        { name: 'Gasabo', sectors: [{ name: 'Remera', cells: [{ name: 'Rukiri', villages: ['Amahoro'] }] }] },
        { name: 'Nyarugenge', sectors: [{ name: 'Gitega', cells: [{ name: 'Akabahizi', villages: VILLAGES }, { name: 'Kigarama', villages: ['Izuba'] }] }] },
      ],
    },
  ],
});

function world() {
  const programme = new InMemoryRbfProgramme(() => NOW);
  programme.households.set(ID.eligible, ELIGIBLE);
  programme.households.set(ID.head, { ...ELIGIBLE, householdId: 'HH-2', category: 'D', tier: 2, incentivePercent: 70 });
  programme.households.set(ID.subsidised, { kind: 'already_subsidised', householdId: 'HH-3' });
  programme.households.set(ID.notEligible, { kind: 'category_not_eligible', householdId: 'HH-4', category: '4', tier: 4 });
  programme.households.set(ID.blocked, { kind: 'blocked', householdId: 'HH-5', reason: 'ongoing_sale' });
  programme.households.set(ID.budget, { kind: 'budget_spent', householdId: 'HH-6', category: '2', tier: 2 });
  programme.households.set(ID.unavailable, { kind: 'unavailable', system: 'MEIS' });
  programme.addAgent(
    AGENT_PHONE,
    { id: 'agent-1', name: 'Jean', companies: [{ id: 'co-1', code: 'SOL', name: 'SolarCo Rwanda' }, { id: 'co-2', code: 'BRT', name: 'BrightLife' }] },
    PIN,
  );
  programme.products.set('co-1', [
    { id: 'p-1', code: 'SHS80', name: 'Solar Home Kit 80W', priceRwf: 150_000, incentiveCapRwf: 120_000 },
    { id: 'p-2', code: 'LAMP', name: 'Sun Lamp', priceRwf: 20_000, incentiveCapRwf: 20_000 },
  ]);
  programme.products.set('co-2', [{ id: 'p-3', code: 'BL1', name: 'BrightBox', priceRwf: 99_000, incentiveCapRwf: 50_000 }]);
  const flow = new UssdFlow(programme, LOCATIONS, () => NOW);
  return { programme, flow };
}

/** One USSD session driven input by input, every screen checked against the USSD limits. */
class Session {
  state: FlowState;
  last: StepResult;
  claims = 0;
  ended = false;
  constructor(
    private readonly flow: UssdFlow,
    private readonly phone: string,
    lang: Language | null,
    readonly key = `test:${Math.random()}`,
    /** As UssdHopService finds it from the phone when the session begins. */
    private readonly organisationId = DEFAULT_ORGANISATION_ID,
  ) {
    this.last = flow.start(lang, '*384*1#');
    this.state = this.last.state;
    checkScreen(this.last.reply.text);
  }

  get text(): string {
    return this.last.reply.text;
  }

  async send(...inputs: string[]): Promise<StepResult> {
    for (const input of inputs) {
      if (this.ended) throw new Error(`session already ended with: ${this.text}`);
      this.last = await this.flow.step(this.state, input, {
        phone: this.phone,
        organisationId: this.organisationId,
        sessionKey: this.key,
        claim: async () => void this.claims++,
        firstOfHop: true,
      });
      checkScreen(this.last.reply.text);
      this.state = this.last.state;
      this.ended = this.last.reply.end;
    }
    return this.last;
  }
}

function checkScreen(text: string): void {
  if (!isGsm7(text) || septetLength(text) > 182) throw new Error(`screen too long or not GSM-7 (${septetLength(text)}): ${text}`);
}

describe('the menus', () => {
  describe('language', () => {
    it('asks a phone with no remembered language first, in both languages, and remembers the choice', async () => {
      const { flow } = world();
      const s = new Session(flow, OTHER_PHONE, null);
      expect(s.text).toBe('Choose a language / Hitamo ururimi\n1. English\n2. Ikinyarwanda');
      expect(s.last.reply.end).toBe(false);
      await s.send('3');
      expect(s.text.split('\n')[0]).toBe('Invalid choice. / Ibyo wahisemo si byo.');
      await s.send('0');
      expect(s.last.outcome).toBe('invalid_input');
      await s.send('2');
      expect(s.last.languageChosen).toBe('rw');
      expect(s.last.outcome).toBe('language_set');
      expect(s.text).toBe(CATALOGUES.rw.screens.home({}));
    });

    it('starts at home in the remembered language, and home offers to change it', async () => {
      const { flow } = world();
      const s = new Session(flow, OTHER_PHONE, 'en');
      expect(s.text).toBe('Welcome to the RBF solar incentive tool\n1. Check eligibility\n2. Register a sale\n3. Confirm a sale\n4. Language/Ururimi');
      await s.send('4');
      expect(s.text).toContain('1. English');
      await s.send('2');
      expect(s.text).toBe(CATALOGUES.rw.screens.home({}));
      expect(s.last.languageChosen).toBe('rw');
    });
  });

  describe.each(['en', 'rw'] as const)('in %s: check → register → confirm', (lang) => {
    const cat = CATALOGUES[lang];

    it('checks an eligible household, registers the sale with the same ID, then confirms it at installation', async () => {
      const { flow, programme } = world();
      const s = new Session(flow, AGENT_PHONE, lang);
      await s.send('1');
      expect(s.text).toBe(cat.screens.enter_id({}));
      await s.send(ID.eligible);
      expect(s.last).toMatchObject({ outcome: 'eligible', screen: 'check.result', nationalIdMasked: '************5012' });
      expect(s.text).toBe(cat.screens.eligible({ percent: 90, category: '1' }));
      await s.send('1');
      expect(s.text).toBe(cat.screens.pin({}));
      await s.send(PIN);
      expect(s.last.outcome).toBe('pin_ok');
      // The ID of the check is reused: no second lookup, straight to the company.
      expect(s.text.split('\n')[0]).toBe(cat.lists.company);
      expect(s.text).toContain('1. SolarCo Rwanda\n2. BrightLife');
      await s.send('1');
      expect(s.text.split('\n')[0]).toBe(cat.lists.product);
      expect(s.text).toContain(`1. ${cat.productItem({ name: 'Solar Home Kit 80W', price: 150_000 })}`);
      await s.send('1');
      expect(s.text).toContain(`${cat.lists.province}\n1. Amajyepfo\n2. Umujyi wa Kigali`);
      await s.send('2', '1', '1', '1', '1');
      expect(s.last.screen).toBe('sale.confirm');
      // 90 % of 150,000 is 135,000, capped at 120,000.
      expect(s.text).toBe(cat.screens.sale_confirm({ idLast4: '5012', category: '1', percent: 90, product: 'Solar Home Kit 80W', price: 150_000, incentive: 120_000, village: 'Amahoro' }));
      expect(programme.count('registerSale')).toBe(0);
      await s.send(confirmCode(ID.eligible));
      expect(s.last).toMatchObject({ outcome: 'sale_registered', screen: 'sale.result', nationalIdMasked: '************5012', reply: { end: true } });
      expect(s.text).toBe(cat.screens.sale_registered({ reference: '10000004', incentive: 120_000, until: '06/12' }));
      expect(programme.count('checkEligibility')).toBe(1);
      expect(programme.calls.find((c) => c.method === 'registerSale')?.args[0]).toEqual({
        organisationId: DEFAULT_ORGANISATION_ID,
        sessionKey: s.key,
        agentId: 'agent-1',
        companyId: 'co-1',
        productId: 'p-1',
        nationalId: ID.eligible,
        eligibility: ELIGIBLE,
        location: { province: 'Umujyi wa Kigali', district: 'Gasabo', sector: 'Remera', cell: 'Rukiri', village: 'Amahoro' },
        shown: { priceRwf: 150_000, incentiveRwf: 120_000 },
      });

      // Installation, another session.
      const c = new Session(flow, AGENT_PHONE, lang);
      await c.send('3');
      expect(c.text).toBe(cat.screens.pin({}));
      await c.send(PIN);
      expect(c.text).toBe(cat.screens.reference({}));
      await c.send('10000004');
      expect(c.text).toBe(cat.screens.household({}));
      await c.send('HH-1');
      expect(c.last).toMatchObject({ outcome: 'sale_confirmed', screen: 'confirm.result', reply: { end: true } });
      expect(c.text).toBe(cat.screens.confirmed({ reference: '10000004' }));
      expect(programme.sales[0].confirmed).toBe(true);
    });

    it('registers a sale from home: ID, eligibility, company, product, location', async () => {
      const { flow, programme } = world();
      const s = new Session(flow, AGENT_PHONE, lang);
      await s.send('2', PIN);
      expect(s.text).toBe(cat.screens.enter_id({}));
      await s.send(ID.head, '2');
      expect(s.text.split('\n')[0]).toBe(cat.lists.product);
      await s.send('1', '1', '1', '1', '1', '1');
      expect(s.text).toContain('ID ...1017');
      expect(s.text).toContain(lang === 'en' ? 'cat. D (70%)' : 'icyiciro D 70%');
      await s.send(confirmCode(ID.head));
      expect(s.last.outcome).toBe('sale_registered');
      expect(programme.sales[0]).toMatchObject({ householdId: 'HH-2', incentiveRwf: 50_000 });
    });
  });

  describe('check eligibility', () => {
    it.each([
      [ID.subsidised, 'already_subsidised', 'END', 'Not eligible: this household already received a subsidised system.'],
      [ID.notEligible, 'category_not_eligible', 'END', 'Not eligible: category 4 gets no incentive.'],
      [ID.blocked, 'blocked', 'END', 'Not eligible now: an ongoing sale (or a repossession) blocks this household.'],
      [ID.budget, 'budget_spent', 'END', 'Currently not eligible: the budget for category 2 is used up. Try again later.'],
      [ID.unavailable, 'unavailable', 'END', 'The national system is not answering. Please try again in a few minutes.'],
      [ID.unknown, 'unknown_id', 'CON', "ID not found. Type the correct ID or try the household head's ID:\n0 Back 00 Home"],
    ])('answers %s as %s', async (id, outcome, kind, text) => {
      const { flow } = world();
      const s = new Session(flow, OTHER_PHONE, 'en');
      await s.send('1', id);
      expect(s.last.outcome).toBe(outcome);
      expect(s.last.reply.end).toBe(kind === 'END');
      expect(s.text).toBe(text);
      expect(s.last.nationalIdMasked).toBe(`************${id.slice(-4)}`);
    });

    it('takes the household head\'s ID after "ID not found"', async () => {
      const { flow, programme } = world();
      const s = new Session(flow, OTHER_PHONE, 'en');
      await s.send('1', ID.member);
      expect(s.last.outcome).toBe('unknown_id');
      await s.send(ID.head);
      expect(s.last.outcome).toBe('eligible');
      expect(s.text).toContain('Eligible: incentive 70% (category D)');
      expect(programme.calls.filter((c) => c.method === 'checkEligibility').map((c) => c.args[0])).toEqual([ID.member, ID.head]);
    });

    it.each([
      ['', 'You typed nothing.'],
      ['11987800123450AB', 'An ID has digits only.'],
      ['119878001234501', 'An ID has 16 digits, you typed 15.'],
      ['4198780012345012', 'This is not a valid national ID.'],
    ])('names the problem with %j and asks again, without a lookup', async (input, notice) => {
      const { flow, programme } = world();
      const s = new Session(flow, OTHER_PHONE, 'en');
      await s.send('1', input);
      expect(s.last).toMatchObject({ outcome: 'invalid_input', screen: 'check.enter_id', reply: { end: false } });
      expect(s.text).toBe(`${notice}\nEnter the national ID number (16 digits):\n0 Back 00 Home`);
      expect(programme.count('checkEligibility')).toBe(0);
      await s.send(ID.eligible);
      expect(s.last.outcome).toBe('eligible');
    });

    it('answers in Kinyarwanda too', async () => {
      const { flow } = world();
      const s = new Session(flow, OTHER_PHONE, 'rw');
      await s.send('1', ID.budget);
      expect(s.text).toBe("Ntirwemerewe ubu: amafaranga ya nkunganire y'icyiciro 2 yarashize. Ongera ugerageze nyuma.");
      const t = new Session(flow, OTHER_PHONE, 'rw');
      await t.send('1', '123');
      expect(t.text.split('\n')[0]).toBe('Indangamuntu igira imibare 16, wanditse 3.');
    });
  });

  describe('agents only', () => {
    it.each(['2', '3'])('refuses option %s to a phone that is not an agent\'s', async (choice) => {
      const { flow, programme } = world();
      const s = new Session(flow, OTHER_PHONE, 'en');
      await s.send(choice);
      expect(s.last).toMatchObject({ outcome: 'not_agent', reply: { end: true, text: 'Only registered sales agents can register or confirm a sale.' } });
      expect(programme.count('verifyPin')).toBe(0);
    });

    it('refuses "1. Register a sale" after a check to a phone that is not an agent\'s', async () => {
      const { flow } = world();
      const s = new Session(flow, OTHER_PHONE, 'en');
      await s.send('1', ID.eligible, '1');
      expect(s.last.outcome).toBe('not_agent');
    });

    it('counts wrong PINs and locks after 5, saying until when (Kigali time)', async () => {
      const { flow, programme } = world();
      const s = new Session(flow, AGENT_PHONE, 'en');
      await s.send('2');
      for (const left of [4, 3, 2, 1]) {
        await s.send('0000');
        expect(s.last).toMatchObject({ outcome: 'pin_wrong', screen: 'agent.pin', reply: { end: false } });
        expect(s.text).toBe(`Wrong PIN, ${left} ${left === 1 ? 'try' : 'tries'} left.\nEnter your agent PIN:\n0 Back 00 Home`);
      }
      await s.send('0000');
      expect(s.last).toMatchObject({ outcome: 'pin_locked', reply: { end: true } });
      // Locked for 30 minutes from 12:00 Kigali time.
      expect(s.text).toBe('Too many wrong PINs. Your PIN is locked until 12:30. Try again then.');
      expect(programme.count('verifyPin')).toBe(5);
      expect(s.claims).toBe(5);

      // The next session of the locked agent ends at once, without asking the PIN.
      const t = new Session(flow, AGENT_PHONE, 'en');
      await t.send('3');
      expect(t.last).toMatchObject({ outcome: 'pin_locked', reply: { end: true } });
      expect(programme.count('verifyPin')).toBe(5);
    });

    it('refuses letters and nothing as a PIN without spending an attempt', async () => {
      const { flow, programme } = world();
      const s = new Session(flow, AGENT_PHONE, 'en');
      await s.send('2', 'abcd');
      expect(s.text.split('\n')[0]).toBe('Use the number keys only.');
      await s.send('');
      expect(s.text.split('\n')[0]).toBe('You typed nothing.');
      expect(programme.count('verifyPin')).toBe(0);
    });

    it("acts for the session's organisation only: every programme call names it, and another organisation's agent is not found", async () => {
      const { flow, programme } = world();
      const phoneB = '+250788000077';
      programme.addAgent(phoneB, { id: 'agent-b', name: 'Bea', companies: [{ id: 'co-1', code: 'SOL', name: 'SolarCo B' }] }, '2468', ORG_B);
      const b = new Session(flow, phoneB, 'en', undefined, ORG_B);
      await b.send('2', '2468', ID.eligible, '1', '2', '1', '1', '1', '1');
      await b.send(confirmCode(ID.eligible));
      expect(b.last.outcome).toBe('sale_registered');
      const used = programme.organisations.map((o) => o.method);
      expect(used).toEqual(expect.arrayContaining(['findAgent', 'checkEligibility', 'listProducts', 'budgetLeftRwf', 'registerSale']));
      expect(new Set(programme.organisations.map((o) => o.organisationId))).toEqual(new Set([ORG_B]));

      // The same phone in a session of the default organisation is nobody's agent there.
      const a = new Session(flow, phoneB, 'en');
      await a.send('3');
      expect(a.last).toMatchObject({ outcome: 'not_agent', reply: { end: true } });
    });

    it('asks the PIN once per session', async () => {
      const { flow, programme } = world();
      const s = new Session(flow, AGENT_PHONE, 'en');
      await s.send('2', PIN, '00', '3');
      expect(s.text).toBe('Enter the sale reference (8 digits):\n0 Back 00 Home');
      expect(programme.count('verifyPin')).toBe(1);
      expect(programme.count('findAgent')).toBe(1);
    });

    it('goes straight to the products when the agent sells for one company only', async () => {
      const { flow, programme } = world();
      programme.addAgent('+250788000002', { id: 'agent-2', name: 'Aline', companies: [{ id: 'co-2', code: 'BRT', name: 'BrightLife' }] }, '1111');
      const s = new Session(flow, '+250788000002', 'en');
      await s.send('2', '1111', ID.eligible);
      expect(s.text).toBe('Choose the product:\n1. BrightBox 99,000 RWF\n0 Back 00 Home');
    });

    it('ends when the agent has no company, or the company no product', async () => {
      const { flow, programme } = world();
      programme.addAgent('+250788000003', { id: 'agent-3', name: 'Eric', companies: [] }, '1111');
      const s = new Session(flow, '+250788000003', 'en');
      await s.send('2', '1111', ID.eligible);
      expect(s.last).toMatchObject({ outcome: 'no_company', reply: { end: true } });
      programme.products.set('co-2', []);
      const t = new Session(flow, AGENT_PHONE, 'en');
      await t.send('2', PIN, ID.eligible, '2');
      expect(t.last).toMatchObject({ outcome: 'no_products', reply: { end: true, text: 'This company has no products to sell yet.' } });
    });
  });

  describe('register a sale', () => {
    async function atConfirmation(lang: Language = 'en') {
      const w = world();
      const s = new Session(w.flow, AGENT_PHONE, lang);
      await s.send('2', PIN, ID.eligible, '1', '2', '2', '2', '1', '2', '1');
      expect(s.last.screen).toBe('sale.confirm');
      return { ...w, s };
    }

    it('registers only when the ID\'s last 4 digits shown on the confirmation screen are typed', async () => {
      const { s, programme } = await atConfirmation();
      expect(s.text).toBe('Sale: ID ...5012, cat. 1 (90%)\nSun Lamp\nPrice 20,000 RWF\nIncentive 18,000 RWF\nVillage Izuba\nType 5012 to confirm\n0 Back 00 Home');
      for (const wrong of ['1', '2', '5013', '012', '50120']) {
        await s.send(wrong);
        expect(s.text.split('\n')[0]).toBe('Invalid choice.');
      }
      await s.send('x');
      expect(s.text.split('\n')[0]).toBe('Use the number keys only.');
      await s.send('');
      expect(s.text.split('\n')[0]).toBe('Invalid choice.');
      await s.send('0');
      expect(s.last.screen).toBe('sale.village');
      await s.send('0');
      expect(s.last.screen).toBe('sale.cell');
      await s.send('2');
      expect(s.last.screen).toBe('sale.village');
      await s.send('1');
      expect(s.last.screen).toBe('sale.confirm');
      expect(programme.count('registerSale')).toBe(0);
      const claimsBefore = s.claims;
      await s.send('5012');
      expect(programme.count('registerSale')).toBe(1);
      expect(s.claims).toBe(claimsBefore + 1);
    });

    it('never registers when the agent leaves before confirming', async () => {
      const { s, programme } = await atConfirmation();
      await s.send('00');
      expect(s.last.screen).toBe('home');
      await s.send('1', ID.eligible);
      expect(programme.count('registerSale')).toBe(0);
    });

    it.each([
      [{ kind: 'blocked' } as const, 'blocked', 'Not eligible now: another sale blocks this household.'],
      [{ kind: 'invalid', problem: 'no such product' } as const, 'sale_invalid', 'This sale cannot be registered: the company does not sell this product, or you do not sell for it.'],
    ])('answers registerSale %j with an END', async (result, outcome, text) => {
      const { s, programme } = await atConfirmation();
      programme.registerOverride = result;
      await s.send(confirmCode(ID.eligible));
      expect(s.last).toMatchObject({ outcome, reply: { end: true, text } });
    });

    it('budget spent by others since the product list: back to the products it can still pay, with a notice; none: END', async () => {
      const { s, programme } = await atConfirmation(); // the Sun Lamp (incentive 18,000) chosen
      programme.registerOverride = { kind: 'budget_spent' };
      programme.budgetsLeft.set(1, 18_000);
      await s.send(confirmCode(ID.eligible));
      expect(s.last).toMatchObject({ outcome: 'budget_spent', screen: 'sale.product', reply: { end: false } });
      expect(s.text).toBe(`Budget too low for that.\nChoose the product:\n1. ${CATALOGUES.en.productItem({ name: 'Sun Lamp', price: 20_000 })}\n0 Back 00 Home`);
      programme.registerOverride = null;
      await s.send('1', '2', '2', '1', '2', '1'); // the lamp, then the same village as before
      expect(s.last.screen).toBe('sale.confirm');
      await s.send(confirmCode(ID.eligible));
      expect(s.last.outcome).toBe('sale_registered');

      const t = await atConfirmation();
      t.programme.registerOverride = { kind: 'budget_spent' };
      t.programme.budgetsLeft.set(1, 17_999);
      await t.s.send(confirmCode(ID.eligible));
      expect(t.s.last).toMatchObject({ outcome: 'budget_spent', reply: { end: true, text: 'Currently not eligible: the budget for category 1 is used up. Try again later.' } });
    });

    it('answers a household that is not eligible with the same END as the check', async () => {
      const { flow } = world();
      const s = new Session(flow, AGENT_PHONE, 'en');
      await s.send('2', PIN, ID.blocked);
      expect(s.last).toMatchObject({ outcome: 'blocked', screen: 'sale.result', reply: { end: true, text: 'Not eligible now: an ongoing sale (or a repossession) blocks this household.' } });
      const t = new Session(flow, AGENT_PHONE, 'en');
      await t.send('2', PIN, ID.unknown);
      expect(t.last).toMatchObject({ outcome: 'unknown_id', reply: { end: false } });
      await t.send(ID.eligible);
      expect(t.last.screen).toBe('sale.company');
    });

    it('answers the same again when registerSale says the session already registered it', async () => {
      const { s, programme } = await atConfirmation();
      programme.registerOverride = { kind: 'already_registered', reference: '10000009', incentiveRwf: 18_000, priceRwf: 20_000, reservedUntil: new Date('2026-12-06T21:59:00Z') };
      await s.send(confirmCode(ID.eligible));
      expect(s.text).toBe('Sale registered. Ref 10000009. Incentive 18,000 RWF reserved until 06/12. Confirm it at installation.');
    });
  });

  describe('navigation: 0 back, 00 home, 98 more', () => {
    it('pages a long list with continuous numbering; 98 next page, 0 previous page, then previous screen', async () => {
      const { flow } = world();
      const s = new Session(flow, AGENT_PHONE, 'en');
      await s.send('2', PIN, ID.eligible, '1', '1', '2', '2', '1', '1');
      expect(s.last.screen).toBe('sale.village');
      const page1 = s.text.split('\n');
      expect(page1[0]).toBe('Choose the village:');
      expect(page1[1]).toBe('1. Umudugudu01');
      expect(page1.slice(-2)).toEqual(['98 More', '0 Back 00 Home']);
      const lastOnPage1 = Number(page1[page1.length - 3].split('.')[0]);
      // A number that is not on this page is not a choice.
      await s.send(String(lastOnPage1 + 1));
      expect(s.text.split('\n')[0]).toBe('Invalid choice.');
      await s.send('98');
      const page2 = s.text.split('\n');
      expect(page2[1]).toBe(`${lastOnPage1 + 1}. Umudugudu${String(lastOnPage1 + 1).padStart(2, '0')}`);
      let pages = 2;
      while (s.text.includes('98 More')) {
        await s.send('98');
        pages++;
      }
      expect(pages).toBeGreaterThanOrEqual(3);
      const lastPage = s.text.split('\n');
      expect(lastPage[lastPage.length - 2]).toBe('25. Umudugudu25');
      await s.send('98');
      expect(s.text.split('\n')[0]).toBe('Invalid choice.');
      await s.send('25');
      expect(s.last.screen).toBe('sale.confirm');
      expect(s.text).toContain('Village Umudugudu25');
      // Back from the confirmation: the village list, on the page the village was chosen from.
      await s.send('0');
      expect(s.last.screen).toBe('sale.village');
      expect(s.text).toContain('25. Umudugudu25');
      // Back a page at a time, then to the cell list.
      for (let i = 1; i < pages; i++) {
        await s.send('0');
        expect(s.last.screen).toBe('sale.village');
      }
      expect(s.text.split('\n')[1]).toBe('1. Umudugudu01');
      await s.send('0');
      expect(s.last.screen).toBe('sale.cell');
      expect(s.text).toBe('Choose the cell:\n1. Akabahizi\n2. Kigarama\n0 Back 00 Home');
      await s.send('00');
      expect(s.last.screen).toBe('home');
      expect(s.state.back).toEqual([]);
      expect(s.state.sale).toBeNull();
    });

    it('goes back screen by screen, skipping the PIN once it was right', async () => {
      const { flow } = world();
      const s = new Session(flow, AGENT_PHONE, 'en');
      await s.send('1', ID.eligible, '1', PIN, '1');
      expect(s.last.screen).toBe('sale.product');
      const screens: string[] = [];
      for (let i = 0; i < 5; i++) {
        await s.send('0');
        screens.push(s.last.screen);
      }
      expect(screens).toEqual(['sale.company', 'check.result', 'check.enter_id', 'home', 'home']);
    });

    it('treats an option that is not offered, nothing, and letters on a menu as invalid', async () => {
      const { flow } = world();
      const s = new Session(flow, OTHER_PHONE, 'en');
      await s.send('9');
      expect(s.text).toBe(`Invalid choice.\n${CATALOGUES.en.screens.home({})}`);
      await s.send('');
      expect(s.last.outcome).toBe('invalid_input');
      await s.send('abc');
      expect(s.text.split('\n')[0]).toBe('Use the number keys only.');
      await s.send('98');
      expect(s.text.split('\n')[0]).toBe('Invalid choice.');
    });
  });

  describe('confirm a sale', () => {
    async function registered() {
      const w = world();
      const s = new Session(w.flow, AGENT_PHONE, 'en');
      await s.send('2', PIN, ID.eligible, '1', '1', '2', '2', '1', '2', '1', confirmCode(ID.eligible));
      expect(s.last.outcome).toBe('sale_registered');
      const c = new Session(w.flow, AGENT_PHONE, 'en');
      await c.send('3', PIN);
      return { ...w, c };
    }

    it('checks the reference format', async () => {
      const { c, programme } = await registered();
      await c.send('1234');
      expect(c.text).toBe('A reference has 8 digits.\nEnter the sale reference (8 digits):\n0 Back 00 Home');
      await c.send('ABCDEFGH');
      expect(c.text.split('\n')[0]).toBe('Use the number keys only.');
      expect(programme.count('confirmSale')).toBe(0);
    });

    it('refuses a reference with a typo (wrong digit or swapped digits) at once, before the household ID is asked', async () => {
      const { c, programme } = await registered();
      for (const typo of ['10000040', '10000005']) {
        await c.send(typo);
        expect(c.last).toMatchObject({ outcome: 'unknown_reference', reply: { end: false } });
        expect(c.text).toBe('No pending sale with this reference. Enter it again:\n0 Back 00 Home');
      }
      expect(programme.count('confirmSale')).toBe(0);
      await c.send('10000004', 'HH-1');
      expect(c.last.outcome).toBe('sale_confirmed');
    });

    it('on a mismatch offers to enter the household ID again, or to start again at the reference', async () => {
      const { c, programme } = await registered();
      await c.send('10000004', 'HH-999');
      expect(c.last).toMatchObject({ outcome: 'mismatch', reply: { end: false } });
      expect(c.text).toBe('The household ID does not match this sale.\n1. Enter it again\n2. Start again with another ID\n0 Back 00 Home');
      await c.send('1');
      expect(c.text).toBe('Enter the household ID or voucher number:\n0 Back 00 Home');
      await c.send('HH-998', '2');
      expect(c.text).toBe('Enter the sale reference (8 digits):\n0 Back 00 Home');
      await c.send('10000004', 'VHH-1');
      expect(c.last.outcome).toBe('sale_confirmed');
      expect(programme.count('confirmSale')).toBe(3);
    });

    it('asks the reference again when no pending sale has it', async () => {
      const { c } = await registered();
      await c.send('99999992', 'HH-1');
      expect(c.last).toMatchObject({ outcome: 'unknown_reference', reply: { end: false } });
      expect(c.text).toBe('No pending sale with this reference. Enter it again:\n0 Back 00 Home');
      await c.send('10000004', 'HH-1');
      expect(c.last.outcome).toBe('sale_confirmed');
    });

    it('says when the household was already used', async () => {
      const { c, programme, flow } = await registered();
      await c.send('10000004', 'HH-1');
      // A second sale for the same household, confirmed after the first.
      programme.sales.push({ ...programme.sales[0], reference: '10000012', confirmed: false, sessionKey: 'other' });
      const d = new Session(flow, AGENT_PHONE, 'en');
      await d.send('3', PIN, '10000012', 'HH-1');
      expect(d.last).toMatchObject({ outcome: 'already_used', reply: { end: true, text: 'This household ID has already been used.' } });
    });

    it('a confirmed reference with another household ID is a mismatch, not "already used"', async () => {
      const { c, flow } = await registered();
      await c.send('10000004', 'HH-1');
      expect(c.last.outcome).toBe('sale_confirmed');
      const d = new Session(flow, AGENT_PHONE, 'en');
      await d.send('3', PIN, '10000004', 'HH-2');
      expect(d.last).toMatchObject({ outcome: 'mismatch', reply: { end: false } });
      await d.send('1', 'HH-1');
      expect(d.last).toMatchObject({ outcome: 'already_used', reply: { end: true } });
    });
  });

  it('shows the code of a product whose name has no GSM-7 character at all (another script, emoji)', async () => {
    const { flow, programme } = world();
    programme.products.set('co-1', [{ id: 'p-1', code: 'SHS80', name: '太阳能系统 🌞', priceRwf: 150_000, incentiveCapRwf: 120_000 }]);
    const s = new Session(flow, AGENT_PHONE, 'en');
    await s.send('2', PIN, ID.eligible, '1');
    expect(s.text).toContain('1. SHS80 150,000 RWF');
    await s.send('1', '2', '1', '1', '1', '1');
    expect(s.text.split('\n')[1]).toBe('SHS80');
  });

  it("offers only the products the tier's budget can still pay; none: END budget used up", async () => {
    const { flow, programme } = world();
    // Tier 1 (90 %): the 80W kit needs 120,000, the lamp 18,000.
    programme.budgetsLeft.set(1, 50_000);
    const s = new Session(flow, AGENT_PHONE, 'en');
    await s.send('2', PIN, ID.eligible, '1');
    expect(s.text).toContain(`1. ${CATALOGUES.en.productItem({ name: 'Sun Lamp', price: 20_000 })}`);
    expect(s.text).not.toContain('Solar Home Kit');
    await s.send('1', '2', '1', '1', '1', '1');
    expect(s.text.split('\n')[1]).toBe('Sun Lamp');

    programme.budgetsLeft.set(1, 17_999);
    const t = new Session(flow, AGENT_PHONE, 'en');
    await t.send('2', PIN, ID.eligible, '1');
    expect(t.last).toMatchObject({ outcome: 'budget_spent', reply: { end: true, text: CATALOGUES.en.screens.budget_spent({ category: '1' }) } });
    expect(programme.count('registerSale')).toBe(0);
  });

  describe('changes made by an operator during the session', () => {
    it('a price changed after the confirmation screen: nothing registered, END "please start again" (a late copy of the code cannot confirm new amounts)', async () => {
      const { flow, programme } = world();
      const s = new Session(flow, AGENT_PHONE, 'en');
      await s.send('2', PIN, ID.eligible, '1', '1', '2', '1', '1', '1', '1');
      expect(s.last.screen).toBe('sale.confirm');
      programme.products.set('co-1', [{ id: 'p-1', code: 'SHS80', name: 'Solar Home Kit 80W', priceRwf: 160_000, incentiveCapRwf: 130_000 }]);
      await s.send(confirmCode(ID.eligible));
      expect(s.last).toMatchObject({
        outcome: 'terms_changed',
        reply: { end: true, text: 'The price of this product has changed. Nothing was registered: please start the sale again.' },
      });
      expect(programme.sales).toHaveLength(0);
      // Dialled again, the agent sees and confirms the new amounts.
      const again = new Session(flow, AGENT_PHONE, 'en');
      await again.send('2', PIN, ID.eligible, '1', '1', '2', '1', '1', '1', '1');
      expect(again.text).toContain('Price 160,000 RWF');
      await again.send(confirmCode(ID.eligible));
      expect(programme.sales[0]).toMatchObject({ priceRwf: 160_000, incentiveRwf: 130_000 });
    });

    it('a product withdrawn after the confirmation screen: the sale cannot be registered', async () => {
      const { flow, programme } = world();
      const s = new Session(flow, AGENT_PHONE, 'en');
      await s.send('2', PIN, ID.eligible, '1', '1', '2', '1', '1', '1', '1');
      programme.products.set('co-1', []);
      await s.send(confirmCode(ID.eligible));
      expect(s.last).toMatchObject({ outcome: 'sale_invalid', reply: { end: true } });
      expect(programme.sales).toHaveLength(0);
    });

    it('an agent deactivated after the session started: END "only registered agents" at the PIN and at confirmation', async () => {
      const { flow, programme } = world();
      const s = new Session(flow, AGENT_PHONE, 'en');
      await s.send('2');
      const agent = programme.agents.get(AGENT_PHONE)!;
      programme.agents.delete(AGENT_PHONE);
      await s.send(PIN);
      expect(s.last).toMatchObject({ outcome: 'not_agent', reply: { end: true, text: CATALOGUES.en.screens.not_agent({}) } });

      programme.agents.set(AGENT_PHONE, agent);
      const r = new Session(flow, AGENT_PHONE, 'en');
      await r.send('2', PIN, ID.eligible, '1', '1', '2', '1', '1', '1', '1', confirmCode(ID.eligible));
      expect(r.last.outcome).toBe('sale_registered');
      const late = new Session(flow, AGENT_PHONE, 'en');
      await late.send('2', PIN, ID.head, '2', '1', '1', '1', '1', '1', '1');
      expect(late.last.screen).toBe('sale.confirm');
      const c = new Session(flow, AGENT_PHONE, 'en');
      await c.send('3', PIN, '10000004');
      programme.agents.delete(AGENT_PHONE);
      await late.send(confirmCode(ID.head));
      expect(late.last).toMatchObject({ outcome: 'not_agent', reply: { end: true, text: CATALOGUES.en.screens.not_agent({}) } });
      expect(programme.sales).toHaveLength(1);
      await c.send('HH-1');
      expect(c.last).toMatchObject({ outcome: 'not_agent', reply: { end: true } });
      expect(programme.sales[0].confirmed).toBe(false);
    });
  });

  describe('failures', () => {
    it('answers an error of the programme with a polite END', async () => {
      const { flow, programme } = world();
      programme.failing = 'findAgent';
      const s = new Session(flow, AGENT_PHONE, 'en');
      await s.send('2');
      expect(s.last).toMatchObject({ outcome: 'error', reply: { end: true, text: 'Sorry, something went wrong. Please dial again.' } });
      expect(s.last.error).toBeInstanceOf(Error);
    });

    it('lets a lost claim through to the caller, before any effect', async () => {
      const { flow, programme } = world();
      const s = new Session(flow, AGENT_PHONE, 'en');
      await s.send('2');
      await expect(flow.step(s.state, PIN, { phone: AGENT_PHONE, organisationId: DEFAULT_ORGANISATION_ID, sessionKey: s.key, claim: async () => Promise.reject(new SessionClaimLost()), firstOfHop: true })).rejects.toBeInstanceOf(SessionClaimLost);
      expect(programme.count('verifyPin')).toBe(0);
    });

    it('does not change the state it was given', async () => {
      const { flow } = world();
      const s = new Session(flow, OTHER_PHONE, 'en');
      const before = JSON.stringify(s.state);
      await flow.step(s.state, '1', { phone: OTHER_PHONE, organisationId: DEFAULT_ORGANISATION_ID, sessionKey: s.key, claim: async () => undefined, firstOfHop: true });
      expect(JSON.stringify(s.state)).toBe(before);
    });
  });
});
