/**
 * What the USSD menus need from the programme side (eligibility rules, agents, sales), as one interface.
 * The USSD layer depends only on this; `ProgrammeModule` provides it under `RBF_PROGRAMME`.
 * All amounts are whole Rwandan francs (RWF has no minor unit), as integers. Every call acts within one
 * organisation (the session's, found from the phone that dialled): its companies, products, agents,
 * budgets and sales only.
 */
export const RBF_PROGRAMME = Symbol('RBF_PROGRAMME');

/** The outcome of an eligibility check, as the agent must be told it. */
export type EligibilityOutcome =
  | {
      kind: 'eligible';
      householdId: string;
      /** The category as MEIS reports it ('1'..'4', 'A'..'E'). */
      category: string;
      /** Legacy tier 1..4 the category maps to. */
      tier: number;
      incentivePercent: number;
      memberCount: number;
      /** The ID looked up is not the household head's. */
      isHouseholdHead: boolean;
      /** The household's voucher number as OMIS holds it (8 digits), if OMIS has one; stored on the sale. */
      voucherNumber?: string | null;
    }
  /** A system was already installed for this household (any member's ID). */
  | { kind: 'already_subsidised'; householdId: string }
  /** The category gets no incentive (e.g. tier 4). */
  | { kind: 'category_not_eligible'; householdId: string; category: string; tier: number }
  /** An ongoing sale (any company) or a repossession blocks the household. */
  | { kind: 'blocked'; householdId: string; reason: 'ongoing_sale' | 'repossession' }
  /** Eligible by category, but the category's budget cannot pay another incentive now. */
  | { kind: 'budget_spent'; householdId: string; category: string; tier: number }
  /** MEIS does not know this ID. */
  | { kind: 'unknown_id' }
  /** MEIS or OMIS did not answer in time (or answered 5xx): tell the agent to try again later. */
  | { kind: 'unavailable'; system: 'MEIS' | 'OMIS' };

export interface AgentCompany {
  id: string;
  code: string;
  name: string;
}

export interface AgentView {
  id: string;
  name: string;
  /** Companies this phone sells for (an agent may sell for more than one). */
  companies: AgentCompany[];
  /** Set while the agent is locked out after too many wrong PINs. */
  lockedUntil: Date | null;
}

export type PinCheck =
  | { kind: 'ok' }
  | { kind: 'wrong'; attemptsLeft: number }
  /** The agent was deactivated (or removed) since the session found them. */
  | { kind: 'not_agent' }
  /** Locked now (this attempt may have been the one that locked it). */
  | { kind: 'locked'; until: Date };

export interface ProductView {
  id: string;
  code: string;
  name: string;
  priceRwf: number;
  /** The most incentive the programme pays on this product, whatever the percentage. */
  incentiveCapRwf: number;
}

export interface SaleLocation {
  province: string;
  district: string;
  sector: string;
  cell: string;
  village: string;
}

export interface RegisterSaleInput {
  organisationId: string;
  /** `<gateway>:<sessionId>`: one sale per USSD session, so a replayed final hop cannot register twice. */
  sessionKey: string;
  agentId: string;
  companyId: string;
  productId: string;
  nationalId: string;
  /** The eligible outcome the agent was shown in this session. */
  eligibility: Extract<EligibilityOutcome, { kind: 'eligible' }>;
  location: SaleLocation;
  /**
   * The price and incentive on the confirmation screen the agent accepted. The sale is registered only at
   * these amounts: if the product's price or cap changed since, the answer is `terms_changed`.
   */
  shown: { priceRwf: number; incentiveRwf: number };
}

export type RegisterSaleResult =
  | { kind: 'registered'; reference: string; incentiveRwf: number; priceRwf: number; reservedUntil: Date }
  /** The same session already registered this sale (replay): the same answer again. */
  | { kind: 'already_registered'; reference: string; incentiveRwf: number; priceRwf: number; reservedUntil: Date }
  | { kind: 'budget_spent' }
  /** Another sale for this household is pending or confirmed. */
  | { kind: 'blocked' }
  /** The company does not sell that product, or the agent does not sell for that company. */
  | { kind: 'invalid'; problem: string }
  /** The product's price or incentive cap changed after the agent was shown the amounts: nothing registered. */
  | { kind: 'terms_changed' }
  /** The agent was deactivated since the session checked the PIN. */
  | { kind: 'not_agent' };

export interface ConfirmSaleInput {
  organisationId: string;
  agentId: string;
  reference: string;
  /** The household ID (as in MEIS) or the household's voucher number. */
  householdIdOrVoucher: string;
}

export type ConfirmSaleResult =
  | { kind: 'confirmed'; reference: string; incentiveRwf: number }
  /** This household already has a confirmed subsidised system (this sale or another). */
  | { kind: 'already_used' }
  /** The household ID or voucher does not belong to the sale. */
  | { kind: 'mismatch' }
  /** No pending sale with this reference for the agent's companies (or its reservation expired). */
  | { kind: 'unknown_reference' }
  /** The agent (or the sale's company) was deactivated since the session checked the PIN. */
  | { kind: 'not_agent' };

export interface RbfProgramme {
  /** MEIS and OMIS in parallel within LOOKUP_DEADLINE_MS, plus Limye's own sales and budgets. Never throws. */
  checkEligibility(organisationId: string, nationalId: string): Promise<EligibilityOutcome>;
  /**
   * The organisation a phone acts for on the USSD channel: the organisation of the agent with this E.164
   * phone (active or not: a phone is an agent in at most one organisation), else the default organisation.
   */
  organisationOfPhone(phoneE164: string): Promise<string>;
  /** The organisation's active agent with this E.164 phone, or null. */
  findAgent(organisationId: string, phoneE164: string): Promise<AgentView | null>;
  /** Counts wrong PINs atomically; AGENT_PIN_MAX_ATTEMPTS wrong in a row lock the agent for AGENT_LOCK_MINUTES. */
  verifyPin(agentId: string, pin: string): Promise<PinCheck>;
  /** Active products of a company, in a stable order. */
  listProducts(organisationId: string, companyId: string): Promise<ProductView[]>;
  /** min(price × percent / 100 rounded down, cap), in RWF. Pure. */
  incentiveFor(product: ProductView, incentivePercent: number): number;
  /** What the tier's budget can still reserve, in RWF (0 for a tier without a budget). A hint: registerSale decides. */
  budgetLeftRwf(organisationId: string, tier: number): Promise<number>;
  /** Reserve the incentive, record the sale (pending installation), queue it for OMIS: all or nothing. */
  registerSale(input: RegisterSaleInput): Promise<RegisterSaleResult>;
  /** Confirm at installation: budget reservation → spent, queue the confirmation for OMIS. Idempotent. */
  confirmSale(input: ConfirmSaleInput): Promise<ConfirmSaleResult>;
}
