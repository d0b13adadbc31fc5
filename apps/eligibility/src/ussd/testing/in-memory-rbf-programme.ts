import type {
  AgentView,
  ConfirmSaleInput,
  ConfirmSaleResult,
  EligibilityOutcome,
  PinCheck,
  ProductView,
  RbfProgramme,
  RegisterSaleInput,
  RegisterSaleResult,
} from '../../programme/rbf-programme.port';
import { DEFAULT_ORGANISATION_ID } from '@limye/platform';
import { incentiveFor } from '../../programme/domain/programme-rules';
import { generateSaleReference } from '../../programme/domain/sale-reference';

interface Agent {
  organisationId: string;
  view: AgentView;
  pin: string;
  wrong: number;
}

interface Sale {
  reference: string;
  householdId: string;
  voucher: string;
  agentId: string;
  incentiveRwf: number;
  priceRwf: number;
  reservedUntil: Date;
  confirmed: boolean;
  sessionKey: string;
}

/**
 * A programme in memory for the menus' unit tests: households by national ID, agents with PINs (locked
 * after `maxAttempts` wrong ones), products, sales. Records every call, so tests can assert what the
 * menus asked for (and, above all, what they did not). Agents belong to an organisation (the default one
 * unless added with another): an agent is found only within its own, and every call that names an
 * organisation is kept in `organisations`, so tests can see the menus pass the session's on.
 */
export class InMemoryRbfProgramme implements RbfProgramme {
  readonly calls: { method: keyof RbfProgramme; args: unknown[] }[] = [];
  /** The organisation each call that takes one was made for, in call order. */
  readonly organisations: { method: keyof RbfProgramme; organisationId: string }[] = [];
  readonly households = new Map<string, EligibilityOutcome>();
  readonly agents = new Map<string, Agent>();
  readonly products = new Map<string, ProductView[]>();
  readonly sales: Sale[] = [];
  /** When set, registerSale answers this instead of registering. */
  registerOverride: RegisterSaleResult | null = null;
  /** When set, the named method throws. */
  failing: keyof RbfProgramme | null = null;
  /** Reference bodies count up from here; each gets its Damm check digit, as real references do (10000004, 10000012, …). */
  private nextRef = 1_000_000;

  constructor(
    private readonly now: () => Date,
    readonly maxAttempts = 5,
    readonly lockMinutes = 30,
  ) {}

  addAgent(phone: string, view: Omit<AgentView, 'lockedUntil'> & { lockedUntil?: Date | null }, pin: string, organisationId = DEFAULT_ORGANISATION_ID): void {
    this.agents.set(phone, { organisationId, view: { lockedUntil: null, ...view }, pin, wrong: 0 });
  }

  count(method: keyof RbfProgramme): number {
    return this.calls.filter((c) => c.method === method).length;
  }

  private record(method: keyof RbfProgramme, ...args: unknown[]): void {
    this.calls.push({ method, args });
    if (this.failing === method) throw new Error(`${method} failed (test)`);
  }

  private forOrganisation(method: keyof RbfProgramme, organisationId: string): void {
    this.organisations.push({ method, organisationId });
  }

  async checkEligibility(organisationId: string, nationalId: string): Promise<EligibilityOutcome> {
    this.forOrganisation('checkEligibility', organisationId);
    this.record('checkEligibility', nationalId);
    return this.households.get(nationalId) ?? { kind: 'unknown_id' };
  }

  async organisationOfPhone(phoneE164: string): Promise<string> {
    this.record('organisationOfPhone', phoneE164);
    return this.agents.get(phoneE164)?.organisationId ?? DEFAULT_ORGANISATION_ID;
  }

  async findAgent(organisationId: string, phoneE164: string): Promise<AgentView | null> {
    this.forOrganisation('findAgent', organisationId);
    this.record('findAgent', phoneE164);
    const agent = this.agents.get(phoneE164);
    return agent && agent.organisationId === organisationId ? agent.view : null;
  }

  async verifyPin(agentId: string, pin: string): Promise<PinCheck> {
    this.record('verifyPin', agentId, '****');
    const agent = this.agentById(agentId);
    if (!agent) return { kind: 'not_agent' };
    if (agent.view.lockedUntil && agent.view.lockedUntil > this.now()) return { kind: 'locked', until: agent.view.lockedUntil };
    if (pin === agent.pin) {
      agent.wrong = 0;
      return { kind: 'ok' };
    }
    agent.wrong += 1;
    if (agent.wrong >= this.maxAttempts) {
      agent.view.lockedUntil = new Date(this.now().getTime() + this.lockMinutes * 60_000);
      agent.wrong = 0;
      return { kind: 'locked', until: agent.view.lockedUntil };
    }
    return { kind: 'wrong', attemptsLeft: this.maxAttempts - agent.wrong };
  }

  async listProducts(organisationId: string, companyId: string): Promise<ProductView[]> {
    this.forOrganisation('listProducts', organisationId);
    this.record('listProducts', companyId);
    return this.products.get(companyId) ?? [];
  }

  /** Tier → RWF left; a tier not set has plenty. */
  readonly budgetsLeft = new Map<number, number>();

  async budgetLeftRwf(organisationId: string, tier: number): Promise<number> {
    this.forOrganisation('budgetLeftRwf', organisationId);
    this.record('budgetLeftRwf', tier);
    return this.budgetsLeft.get(tier) ?? Number.MAX_SAFE_INTEGER;
  }

  incentiveFor(product: ProductView, incentivePercent: number): number {
    return incentiveFor(product, incentivePercent);
  }

  private agentById(id: string): Agent | undefined {
    return [...this.agents.values()].find((a) => a.view.id === id);
  }

  async registerSale(input: RegisterSaleInput): Promise<RegisterSaleResult> {
    this.forOrganisation('registerSale', input.organisationId);
    this.record('registerSale', input);
    if (this.registerOverride) return this.registerOverride;
    if (!this.agentById(input.agentId)) return { kind: 'not_agent' };
    const again = this.sales.find((s) => s.sessionKey === input.sessionKey);
    if (again) return { kind: 'already_registered', reference: again.reference, incentiveRwf: again.incentiveRwf, priceRwf: again.priceRwf, reservedUntil: again.reservedUntil };
    const product = [...this.products.values()].flat().find((p) => p.id === input.productId);
    if (!product) return { kind: 'invalid', problem: 'unknown product' };
    if (product.priceRwf !== input.shown.priceRwf || this.incentiveFor(product, input.eligibility.incentivePercent) !== input.shown.incentiveRwf) return { kind: 'terms_changed' };
    const sale: Sale = {
      reference: generateSaleReference(() => this.nextRef++),
      householdId: input.eligibility.householdId,
      voucher: `V${input.eligibility.householdId}`,
      agentId: input.agentId,
      incentiveRwf: this.incentiveFor(product, input.eligibility.incentivePercent),
      priceRwf: product.priceRwf,
      reservedUntil: new Date(this.now().getTime() + 14 * 86_400_000),
      confirmed: false,
      sessionKey: input.sessionKey,
    };
    this.sales.push(sale);
    return { kind: 'registered', reference: sale.reference, incentiveRwf: sale.incentiveRwf, priceRwf: sale.priceRwf, reservedUntil: sale.reservedUntil };
  }

  async confirmSale(input: ConfirmSaleInput): Promise<ConfirmSaleResult> {
    this.forOrganisation('confirmSale', input.organisationId);
    this.record('confirmSale', input);
    if (!this.agentById(input.agentId)) return { kind: 'not_agent' };
    const sale = this.sales.find((s) => s.reference === input.reference && s.agentId === input.agentId);
    if (!sale) return { kind: 'unknown_reference' };
    if (input.householdIdOrVoucher !== sale.householdId && input.householdIdOrVoucher !== sale.voucher) return { kind: 'mismatch' };
    if (sale.confirmed || this.sales.some((s) => s.householdId === sale.householdId && s.confirmed && s !== sale)) return { kind: 'already_used' };
    sale.confirmed = true;
    return { kind: 'confirmed', reference: sale.reference, incentiveRwf: sale.incentiveRwf };
  }
}
