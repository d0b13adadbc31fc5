import { maskId } from '@limye/platform';
import { checkNationalId, NationalIdProblem } from '../../programme/domain/national-id';
import type { ProductView, RbfProgramme } from '../../programme/rbf-programme.port';
import { isValidSaleReference, SALE_REFERENCE_LENGTH } from '../../programme/domain/sale-reference';
import { RwandaLocations } from '../../locations/rwanda-locations';
import { capSeptets, toGsm7 } from '../domain/gsm7';
import { kigaliDdMm, kigaliHhMm } from '../domain/kigali-time';
import { choiceOnPage, MORE_KEY } from '../domain/paging';
import { Language, LIST_NOTICES, ListKey, ListNoticeKey, NAME_CAPS, NoticeRef, ScreenArgs, ScreenKey } from '../messages/catalogue';
import { CATALOGUES, listPages, renderListPage, renderScreen } from '../messages/render';
import { Eligible, FlowState, Frame, initialState, InputScreen, LOCATION_SCREENS, LocationScreen, SaleDraft } from './flow-state';

/** Navigation keys, the same in every language and on every screen (reference §1.9). */
const BACK_KEY = '0';
const HOME_KEY = '00';

export interface FlowReply {
  text: string;
  end: boolean;
}

/** What one input did: the new state, the reply, and what the request log records. */
export interface StepResult {
  state: FlowState;
  reply: FlowReply;
  /** The screen the step ended on (log `screen`). */
  screen: string;
  /** What happened (log `outcome`). */
  outcome: string;
  nationalIdMasked: string | null;
  /** Set when this step chose a language (remembered for the phone). */
  languageChosen: Language | null;
  /** An unexpected error the step answered with the generic error screen (for the caller to log). */
  error?: unknown;
}

export interface HopContext {
  /** E.164. */
  phone: string;
  /**
   * The organisation the session acts for: decided by the service from the phone that dialled (its agent's
   * organisation, else the default one) when the session began, never from anything the caller sends.
   */
  organisationId: string;
  /** `<gateway>:<sessionId>`. */
  sessionKey: string;
  /**
   * Called right before an action with effects outside the session (PIN attempt, sale registration or
   * confirmation), so that two copies of the same hop cannot both act. Throws SessionClaimLost when
   * another copy got there first.
   */
  claim(): Promise<void>;
  /**
   * This input is the first of its hop, i.e. an answer to the screen the agent was last sent. False for
   * the later segments of an Africa's Talking path typed in one go ("…*1*5012").
   */
  firstOfHop: boolean;
}

/** Another request of the same session claimed it first (double press, gateway retry). */
export class SessionClaimLost extends Error {
  constructor() {
    super('another hop of this session is being processed');
  }
}

const LIST_OF: Partial<Record<InputScreen, ListKey>> = {
  'sale.company': 'company',
  'sale.product': 'product',
  'sale.province': 'province',
  'sale.district': 'district',
  'sale.sector': 'sector',
  'sale.cell': 'cell',
  'sale.village': 'village',
};

const ID_NOTICES: Record<NationalIdProblem, (typed: number) => NoticeRef> = {
  empty: () => ({ key: 'empty', args: {} }),
  not_digits: () => ({ key: 'id_not_digits', args: {} }),
  wrong_length: (typed) => ({ key: 'id_wrong_length', args: { typed: Math.min(typed, 999) } }),
  implausible: () => ({ key: 'id_implausible', args: {} }),
};

type MenuChoice = { ok: true; choice: string } | { ok: false; notice: NoticeRef };

/**
 * The menus as a state machine, independent of any gateway: `start` gives the first screen, `step` takes
 * one input and gives the next state and screen. Sessions, replays and the request log are the caller's
 * (UssdHopService); eligibility, agents and sales are the programme's, through `RbfProgramme` only.
 * Only the confirmation screen's "1" calls `registerSale`, so a sale is never half-made.
 */
export class UssdFlow {
  constructor(
    private readonly programme: RbfProgramme,
    private readonly locations: RwandaLocations,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The first screen of a new session: the language choice for a phone not seen before, else home. */
  start(lang: Language | null, serviceCode: string | null): StepResult {
    return this.show(initialState(lang, serviceCode), 'menu');
  }

  async step(state: FlowState, rawInput: string, ctx: HopContext): Promise<StepResult> {
    const s = structuredClone(state);
    try {
      return await this.dispatch(s, rawInput.trim(), ctx);
    } catch (err) {
      if (err instanceof SessionClaimLost) throw err;
      return { ...this.end(s, 'error', {}, s.at.screen, 'error'), error: err };
    }
  }

  /** The screen on show, rendered again (replies, "0"). */
  render(s: FlowState, notice: NoticeRef | null = null): string {
    const lang = s.lang;
    const at = s.at;
    const list = LIST_OF[at.screen];
    if (list) {
      if (notice && !LIST_NOTICES.includes(notice.key as ListNoticeKey)) throw new Error(`a list cannot carry notice '${notice.key}'`);
      return renderListPage(lang ?? 'en', list, this.labels(s), at.page, notice as { key: ListNoticeKey } | null);
    }
    switch (at.screen) {
      case 'language':
        return renderScreen(lang, 'language', {}, notice);
      case 'home':
        return renderScreen(lang, 'home', {}, notice);
      case 'check.enter_id':
      case 'sale.enter_id':
        return at.variant === 'unknown_id' && !notice ? renderScreen(lang, 'unknown_id', {}) : renderScreen(lang, 'enter_id', {}, notice);
      case 'check.result': {
        const e = need(s.check, 'check').eligibility;
        return renderScreen(lang, 'eligible', { percent: e.incentivePercent, category: capCategory(e.category) }, notice);
      }
      case 'agent.pin':
        return renderScreen(lang, 'pin', {}, notice);
      case 'sale.confirm':
        return renderScreen(lang, 'sale_confirm', this.confirmArgs(s), notice);
      case 'confirm.reference':
        return at.variant === 'unknown_reference' && !notice ? renderScreen(lang, 'unknown_reference', {}) : renderScreen(lang, 'reference', {}, notice);
      case 'confirm.household':
        return renderScreen(lang, 'household', {}, notice);
      case 'confirm.mismatch':
        return renderScreen(lang, 'mismatch', {}, notice);
      default:
        throw new Error(`no view for screen '${at.screen}'`);
    }
  }

  // ── dispatch ─────────────────────────────────────────────────────────────────────────────────────

  private async dispatch(s: FlowState, input: string, ctx: HopContext): Promise<StepResult> {
    // Before a language is chosen there is nothing to go back or home to: the choice itself is asked.
    if (s.lang !== null) {
      if (input === HOME_KEY) return this.home(s);
      if (input === BACK_KEY) return this.goBack(s);
      if (input === MORE_KEY && LIST_OF[s.at.screen]) return this.nextPage(s);
    }
    switch (s.at.screen) {
      case 'language':
        return this.onLanguage(s, input);
      case 'home':
        return this.onHome(s, input, ctx);
      case 'check.enter_id':
      case 'sale.enter_id':
        return this.onNationalId(s, input, ctx);
      case 'check.result':
        return this.onCheckResult(s, input, ctx);
      case 'agent.pin':
        return this.onPin(s, input, ctx);
      case 'sale.company':
      case 'sale.product':
      case 'sale.province':
      case 'sale.district':
      case 'sale.sector':
      case 'sale.cell':
      case 'sale.village':
        return this.onListChoice(s, input, ctx);
      case 'sale.confirm':
        return this.onSaleConfirm(s, input, ctx);
      case 'confirm.reference':
        return this.onReference(s, input);
      case 'confirm.household':
        return this.onHousehold(s, input, ctx);
      case 'confirm.mismatch':
        return this.onMismatch(s, input);
      default:
        throw new Error(`no handler for screen '${(s.at as Frame).screen}'`);
    }
  }

  // ── navigation ───────────────────────────────────────────────────────────────────────────────────

  private home(s: FlowState): StepResult {
    s.at = { screen: 'home', page: 0 };
    s.back = [];
    s.intent = null;
    s.check = null;
    s.sale = null;
    s.confirm = null;
    return this.show(s, 'menu');
  }

  private goBack(s: FlowState): StepResult {
    if (LIST_OF[s.at.screen] && s.at.page > 0) {
      s.at = { ...s.at, page: s.at.page - 1 };
      return this.show(s, 'menu');
    }
    const previous = s.back.pop();
    s.at = previous ? { screen: previous.screen, page: previous.page } : { screen: s.lang ? 'home' : 'language', page: 0 };
    this.forgetChoicesAfter(s);
    return this.show(s, 'menu');
  }

  private nextPage(s: FlowState): StepResult {
    const pages = listPages(s.lang ?? 'en', need(LIST_OF[s.at.screen], 'list'), this.labels(s));
    if (s.at.page >= pages.length - 1) return this.show(s, 'invalid_input', { key: 'invalid_choice', args: {} });
    s.at = { ...s.at, page: s.at.page + 1 };
    return this.show(s, 'menu');
  }

  /** Going back to a list means choosing on it again: the choices made after it no longer hold. */
  private forgetChoicesAfter(s: FlowState): void {
    if (!s.sale) return;
    const depth = LOCATION_SCREENS.indexOf(s.at.screen as LocationScreen);
    if (depth >= 0) s.sale.path = s.sale.path.slice(0, depth);
    if (s.at.screen === 'sale.product') s.sale.path = [];
  }

  private forward(s: FlowState, screen: InputScreen, opts: { replace?: boolean; variant?: Frame['variant'] } = {}): void {
    if (!opts.replace) s.back.push({ screen: s.at.screen, page: s.at.page });
    s.at = { screen, page: 0, ...(opts.variant ? { variant: opts.variant } : {}) };
  }

  /** Back to an earlier screen of the flow, dropping what was stacked after it. */
  private rewindTo(s: FlowState, screen: InputScreen, variant?: Frame['variant']): void {
    let frame: Frame | undefined;
    while ((frame = s.back.pop())) if (frame.screen === screen) break;
    s.at = { screen, page: frame?.screen === screen ? frame.page : 0, ...(variant ? { variant } : {}) };
  }

  // ── screens ──────────────────────────────────────────────────────────────────────────────────────

  private onLanguage(s: FlowState, input: string): StepResult {
    const c = menuChoice(input, ['1', '2']);
    if (!c.ok) return this.show(s, 'invalid_input', c.notice);
    s.lang = c.choice === '1' ? 'en' : 'rw';
    s.at = { screen: 'home', page: 0 };
    s.back = [];
    return { ...this.show(s, 'language_set'), languageChosen: s.lang };
  }

  private async onHome(s: FlowState, input: string, ctx: HopContext): Promise<StepResult> {
    const c = menuChoice(input, ['1', '2', '3', '4']);
    if (!c.ok) return this.show(s, 'invalid_input', c.notice);
    switch (c.choice) {
      case '1':
        this.forward(s, 'check.enter_id');
        return this.show(s, 'menu');
      case '2':
        s.intent = 'register';
        s.sale = emptySale();
        return this.agentGate(s, ctx);
      case '3':
        s.intent = 'confirm';
        return this.agentGate(s, ctx);
      default:
        this.forward(s, 'language');
        return this.show(s, 'menu');
    }
  }

  private async onCheckResult(s: FlowState, input: string, ctx: HopContext): Promise<StepResult> {
    const c = menuChoice(input, ['1']);
    if (!c.ok) return this.show(s, 'invalid_input', c.notice);
    const check = need(s.check, 'check');
    s.intent = 'register';
    s.sale = { ...emptySale(), nationalId: check.nationalId, eligibility: check.eligibility };
    return this.agentGate(s, ctx);
  }

  /** Register and confirm are for registered agents only, after their PIN (asked once per session). */
  private async agentGate(s: FlowState, ctx: HopContext): Promise<StepResult> {
    if (!s.agent) {
      const agent = await this.programme.findAgent(ctx.organisationId, ctx.phone);
      if (!agent) return this.end(s, 'not_agent', {}, 'agent.gate', 'not_agent');
      s.agent = { id: agent.id, companies: agent.companies.map(({ id, code, name }) => ({ id, code, name })) };
      const lockedUntil = agent.lockedUntil ? new Date(agent.lockedUntil) : null;
      if (lockedUntil && lockedUntil > this.now()) return this.end(s, 'pin_locked', { until: kigaliHhMm(lockedUntil) }, 'agent.gate', 'pin_locked');
    }
    if (!s.pinOk) {
      this.forward(s, 'agent.pin');
      return this.show(s, 'menu');
    }
    return this.proceed(s, { fromPin: false, outcome: 'menu' }, ctx);
  }

  private async onPin(s: FlowState, input: string, ctx: HopContext): Promise<StepResult> {
    if (input === '') return this.show(s, 'invalid_input', { key: 'empty', args: {} });
    if (!/^\d+$/.test(input)) return this.show(s, 'invalid_input', { key: 'digits_only', args: {} });
    const agent = need(s.agent, 'agent');
    await ctx.claim();
    const r = await this.programme.verifyPin(agent.id, input);
    if (r.kind === 'locked') return this.end(s, 'pin_locked', { until: kigaliHhMm(new Date(r.until)) }, 'agent.pin', 'pin_locked');
    if (r.kind === 'wrong') return this.show(s, 'pin_wrong', { key: 'pin_wrong', args: { left: Math.max(0, r.attemptsLeft) } });
    if (r.kind === 'not_agent') return this.end(s, 'not_agent', {}, 'agent.pin', 'not_agent');
    s.pinOk = true;
    return this.proceed(s, { fromPin: true, outcome: 'pin_ok' }, ctx);
  }

  /** After the agent gate: on to what the agent chose. The PIN screen is not one to go back to. */
  private async proceed(s: FlowState, opts: { fromPin: boolean; outcome: string }, ctx: HopContext): Promise<StepResult> {
    const replace = opts.fromPin;
    if (s.intent === 'confirm') {
      s.confirm = { reference: null };
      this.forward(s, 'confirm.reference', { replace });
      return this.show(s, opts.outcome);
    }
    s.sale ??= emptySale();
    if (s.sale.nationalId && s.sale.eligibility) return this.afterEligible(s, { replace, outcome: opts.outcome }, ctx);
    this.forward(s, 'sale.enter_id', { replace });
    return this.show(s, opts.outcome);
  }

  private async onNationalId(s: FlowState, input: string, ctx: HopContext): Promise<StepResult> {
    const inSale = s.at.screen === 'sale.enter_id';
    const checked = checkNationalId(input, this.now());
    if (!checked.ok) {
      s.at = { screen: s.at.screen, page: 0 };
      return this.show(s, 'invalid_input', ID_NOTICES[checked.problem](input.replace(/\s+/g, '').length));
    }
    const nationalId = checked.nationalId;
    const nationalIdMasked = maskId(nationalId);
    const outcome = await this.programme.checkEligibility(ctx.organisationId, nationalId);
    const resultScreen = inSale ? 'sale.result' : 'check.result';
    const withId = (r: StepResult): StepResult => ({ ...r, nationalIdMasked });
    switch (outcome.kind) {
      case 'eligible':
        if (inSale) {
          const sale = need(s.sale, 'sale');
          sale.nationalId = nationalId;
          sale.eligibility = outcome;
          return withId(await this.afterEligible(s, { replace: false, outcome: 'eligible' }, ctx));
        }
        s.check = { nationalId, eligibility: outcome };
        this.forward(s, 'check.result');
        return withId(this.show(s, 'eligible'));
      case 'unknown_id':
        // The next input is a new ID (the correct one, or the household head's).
        s.at = { screen: s.at.screen, page: 0, variant: 'unknown_id' };
        return withId(this.show(s, 'unknown_id'));
      case 'already_subsidised':
        return withId(this.end(s, 'already_subsidised', {}, resultScreen, 'already_subsidised'));
      case 'category_not_eligible':
        return withId(this.end(s, 'category_not_eligible', { category: capCategory(outcome.category) }, resultScreen, 'category_not_eligible'));
      case 'blocked':
        return withId(this.end(s, 'blocked', {}, resultScreen, 'blocked'));
      case 'budget_spent':
        return withId(this.end(s, 'budget_spent', { category: capCategory(outcome.category) }, resultScreen, 'budget_spent'));
      case 'unavailable':
        return withId(this.end(s, 'unavailable', {}, resultScreen, 'unavailable'));
      default:
        throw new Error(`unexpected eligibility outcome ${(outcome as { kind: string }).kind}`);
    }
  }

  /** An eligible household in the sale flow: company (skipped when the agent sells for one), then product. */
  private async afterEligible(s: FlowState, opts: { replace: boolean; outcome: string }, ctx: HopContext): Promise<StepResult> {
    const sale = need(s.sale, 'sale');
    const companies = need(s.agent, 'agent').companies;
    if (companies.length === 0) return this.end(s, 'no_company', {}, 'sale.company', 'no_company');
    if (companies.length === 1) {
      sale.companyId = companies[0].id;
      return this.showProducts(s, opts, ctx);
    }
    this.forward(s, 'sale.company', { replace: opts.replace });
    return this.show(s, opts.outcome);
  }

  private async showProducts(s: FlowState, opts: { replace: boolean; outcome: string }, ctx: HopContext): Promise<StepResult> {
    const sale = need(s.sale, 'sale');
    const eligibility = need(sale.eligibility, 'eligibility');
    // Both reads at once: one wait for the database instead of two on this hop (the PIN hop's longest).
    const [offered, left] = await Promise.all([
      this.programme.listProducts(ctx.organisationId, need(sale.companyId, 'company')),
      this.programme.budgetLeftRwf(ctx.organisationId, eligibility.tier),
    ]);
    if (offered.length === 0) return this.end(s, 'no_products', {}, 'sale.product', 'no_products');
    // Only what the tier's budget can still pay: the agent should not pick a product, fill in the whole
    // location and only then hear the budget is used up (registerSale still decides, atomically).
    const products = offered.filter((p) => this.programme.incentiveFor(p, eligibility.incentivePercent) <= left);
    if (products.length === 0) return this.end(s, 'budget_spent', { category: capCategory(eligibility.category) }, 'sale.product', 'budget_spent');
    sale.products = draftProducts(products);
    sale.productId = null;
    sale.path = [];
    this.forward(s, 'sale.product', { replace: opts.replace });
    return this.show(s, opts.outcome);
  }

  private async onListChoice(s: FlowState, input: string, ctx: HopContext): Promise<StepResult> {
    const screen = s.at.screen;
    const pages = listPages(s.lang ?? 'en', need(LIST_OF[screen], 'list'), this.labels(s));
    const page = pages[Math.min(s.at.page, pages.length - 1)];
    if (input === '') return this.show(s, 'invalid_input', { key: 'invalid_choice', args: {} });
    if (!/^\d+$/.test(input)) return this.show(s, 'invalid_input', { key: 'digits_only', args: {} });
    const index = choiceOnPage(page, input);
    if (index === null) return this.show(s, 'invalid_input', { key: 'invalid_choice', args: {} });
    const sale = need(s.sale, 'sale');
    if (screen === 'sale.company') {
      sale.companyId = need(s.agent, 'agent').companies[index].id;
      return this.showProducts(s, { replace: false, outcome: 'menu' }, ctx);
    }
    if (screen === 'sale.product') {
      sale.productId = need(sale.products, 'products')[index].id;
      sale.path = [];
      this.forward(s, 'sale.province');
      return this.show(s, 'menu');
    }
    const depth = LOCATION_SCREENS.indexOf(screen as LocationScreen);
    sale.path = [...sale.path.slice(0, depth), index];
    if (depth < LOCATION_SCREENS.length - 1) {
      this.forward(s, LOCATION_SCREENS[depth + 1]);
      return this.show(s, 'menu');
    }
    this.forward(s, 'sale.confirm');
    return this.show(s, 'menu');
  }

  /**
   * The money step. It asks for the ID's last 4 digits (shown on the screen), not "1": a gateway's late
   * copy of the village choice "1" must never confirm a sale. And only as an answer to this screen: typed
   * ahead in the same hop as the village ("…*1*5012"), the agent has not seen the price: the screen is sent.
   */
  private async onSaleConfirm(s: FlowState, input: string, ctx: HopContext): Promise<StepResult> {
    if (!ctx.firstOfHop) return this.show(s, 'menu');
    const sale = need(s.sale, 'sale');
    const nationalId = need(sale.nationalId, 'nationalId');
    if (!/^\d+$/.test(input)) return this.show(s, 'invalid_input', { key: input === '' ? 'invalid_choice' : 'digits_only', args: {} });
    if (input !== nationalId.slice(-4)) return this.show(s, 'invalid_input', { key: 'invalid_choice', args: {} });
    const eligibility = need(sale.eligibility, 'eligibility');
    const location = need(this.locations.resolve(sale.path), 'location');
    const shown = this.confirmArgs(s);
    await ctx.claim();
    const r = await this.programme.registerSale({
      organisationId: ctx.organisationId,
      sessionKey: ctx.sessionKey,
      agentId: need(s.agent, 'agent').id,
      companyId: need(sale.companyId, 'company'),
      productId: this.chosenProduct(sale).id,
      nationalId,
      eligibility,
      location,
      shown: { priceRwf: shown.price, incentiveRwf: shown.incentive },
    });
    const nationalIdMasked = maskId(nationalId);
    switch (r.kind) {
      case 'registered':
      case 'already_registered':
        return {
          ...this.end(s, 'sale_registered', { reference: capSeptets(toGsm7(r.reference), NAME_CAPS.reference), incentive: r.incentiveRwf, until: kigaliDdMm(new Date(r.reservedUntil)) }, 'sale.result', 'sale_registered'),
          nationalIdMasked,
        };
      case 'budget_spent': {
        // Spent by others since the list was shown: back to the products the budget can still pay, if any.
        this.rewindTo(s, 'sale.product');
        const products = await this.showProducts(s, { replace: true, outcome: 'budget_spent' }, ctx);
        if (products.reply.end) return { ...products, nationalIdMasked };
        return { ...this.show(s, 'budget_spent', { key: 'budget_short', args: {} }), nationalIdMasked };
      }
      case 'blocked':
        return { ...this.end(s, 'sale_blocked', {}, 'sale.result', 'blocked'), nationalIdMasked };
      case 'invalid':
        return { ...this.end(s, 'sale_invalid', {}, 'sale.result', 'sale_invalid'), nationalIdMasked };
      case 'terms_changed':
        // Ended, not shown again with the new amounts: the same code would then confirm them, and a late
        // gateway copy of this hop could register a price the agent never saw.
        return { ...this.end(s, 'sale_terms_changed', {}, 'sale.result', 'terms_changed'), nationalIdMasked };
      case 'not_agent':
        return { ...this.end(s, 'not_agent', {}, 'sale.result', 'not_agent'), nationalIdMasked };
      default:
        throw new Error(`unexpected registerSale result ${(r as { kind: string }).kind}`);
    }
  }

  private onReference(s: FlowState, input: string): StepResult {
    if (input === '') return this.show(s, 'invalid_input', { key: 'empty', args: {} });
    if (!/^\d+$/.test(input)) return this.show(s, 'invalid_input', { key: 'digits_only', args: {} });
    if (input.length !== SALE_REFERENCE_LENGTH) return this.show(s, 'invalid_input', { key: 'ref_format', args: {} });
    if (!isValidSaleReference(input)) {
      // A wrong digit or two swapped ones (the Damm check digit catches both): said now, not after the household ID.
      s.at = { screen: s.at.screen, page: 0, variant: 'unknown_reference' };
      return this.show(s, 'unknown_reference');
    }
    s.confirm = { reference: input };
    s.at = { screen: 'confirm.reference', page: 0 };
    this.forward(s, 'confirm.household');
    return this.show(s, 'menu');
  }

  private async onHousehold(s: FlowState, input: string, ctx: HopContext): Promise<StepResult> {
    if (input === '') return this.show(s, 'invalid_input', { key: 'empty', args: {} });
    const reference = need(s.confirm?.reference, 'reference');
    await ctx.claim();
    const r = await this.programme.confirmSale({ organisationId: ctx.organisationId, agentId: need(s.agent, 'agent').id, reference, householdIdOrVoucher: input.slice(0, 64) });
    switch (r.kind) {
      case 'confirmed':
        return this.end(s, 'confirmed', { reference: capSeptets(toGsm7(r.reference), NAME_CAPS.reference) }, 'confirm.result', 'sale_confirmed');
      case 'already_used':
        return this.end(s, 'already_used', {}, 'confirm.result', 'already_used');
      case 'not_agent':
        return this.end(s, 'not_agent', {}, 'confirm.result', 'not_agent');
      case 'mismatch':
        this.forward(s, 'confirm.mismatch');
        return this.show(s, 'mismatch');
      case 'unknown_reference':
        s.confirm = { reference: null };
        this.rewindTo(s, 'confirm.reference', 'unknown_reference');
        return this.show(s, 'unknown_reference');
      default:
        throw new Error(`unexpected confirmSale result ${(r as { kind: string }).kind}`);
    }
  }

  private onMismatch(s: FlowState, input: string): StepResult {
    const c = menuChoice(input, ['1', '2']);
    if (!c.ok) return this.show(s, 'invalid_input', c.notice);
    if (c.choice === '1') {
      this.rewindTo(s, 'confirm.household');
    } else {
      s.confirm = { reference: null };
      this.rewindTo(s, 'confirm.reference');
    }
    return this.show(s, 'menu');
  }

  // ── rendering helpers ────────────────────────────────────────────────────────────────────────────

  private show(s: FlowState, outcome: string, notice: NoticeRef | null = null): StepResult {
    return { state: s, reply: { text: this.render(s, notice), end: false }, screen: s.at.screen, outcome, nationalIdMasked: null, languageChosen: null };
  }

  private end<K extends ScreenKey>(s: FlowState, key: K, args: ScreenArgs[K], screen: string, outcome: string): StepResult {
    return { state: s, reply: { text: renderScreen(s.lang, key, args), end: true }, screen, outcome, nationalIdMasked: null, languageChosen: null };
  }

  /** The entries of the list on show, as the agent reads them (names capped, GSM-7). */
  private labels(s: FlowState): string[] {
    const lang: Language = s.lang ?? 'en';
    switch (s.at.screen) {
      case 'sale.company':
        return need(s.agent, 'agent').companies.map((c) => shownName(c, NAME_CAPS.company));
      case 'sale.product':
        return need(s.sale?.products, 'products').map((p) =>
          CATALOGUES[lang].productItem({ name: shownName(p, NAME_CAPS.product), price: p.priceRwf }),
        );
      default: {
        const depth = LOCATION_SCREENS.indexOf(s.at.screen as LocationScreen);
        const names = need(this.locations.namesAt(need(s.sale, 'sale').path.slice(0, depth)), 'location list');
        return names.map((n) => capSeptets(n, NAME_CAPS.location));
      }
    }
  }

  private chosenProduct(sale: SaleDraft) {
    const product = need(sale.products, 'products').find((p) => p.id === sale.productId);
    return need(product, 'product');
  }

  private confirmArgs(s: FlowState): ScreenArgs['sale_confirm'] {
    const sale = need(s.sale, 'sale');
    const eligibility: Eligible = need(sale.eligibility, 'eligibility');
    const product = this.chosenProduct(sale);
    const location = need(this.locations.resolve(sale.path), 'location');
    return {
      idLast4: need(sale.nationalId, 'nationalId').slice(-4),
      category: capCategory(eligibility.category),
      percent: eligibility.incentivePercent,
      product: shownName(product, NAME_CAPS.product),
      price: product.priceRwf,
      incentive: this.programme.incentiveFor(product, eligibility.incentivePercent),
      village: capSeptets(location.village, NAME_CAPS.location),
    };
  }
}

/**
 * A company's or product's name as a screen can show it (GSM-7, capped). A name with no GSM-7 character
 * at all (another script, emoji) would show as nothing: its code (A-Z, 0-9) is shown instead.
 */
function shownName(x: { name: string; code: string }, cap: number): string {
  return capSeptets(toGsm7(x.name).trim() || toGsm7(x.code), cap);
}

/** What the session keeps of the products it shows (no more than the screens and the checks need). */
function draftProducts(products: ProductView[]): SaleDraft['products'] {
  return products.map(({ id, code, name, priceRwf, incentiveCapRwf }) => ({ id, code, name, priceRwf, incentiveCapRwf }));
}

function emptySale(): SaleDraft {
  return { nationalId: null, eligibility: null, companyId: null, products: null, productId: null, path: [] };
}

/** Empty input or an option not offered → "Invalid choice."; letters → "Use the number keys only." */
function menuChoice(input: string, options: readonly string[]): MenuChoice {
  if (options.includes(input)) return { ok: true, choice: input };
  if (input !== '' && !/^\d+$/.test(input)) return { ok: false, notice: { key: 'digits_only', args: {} } };
  return { ok: false, notice: { key: 'invalid_choice', args: {} } };
}

function capCategory(category: string): string {
  return capSeptets(toGsm7(String(category)), NAME_CAPS.category);
}

/** A value the state must hold on this screen; its absence means a corrupt state, answered as an error. */
function need<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`session state lacks ${what}`);
  return value;
}

