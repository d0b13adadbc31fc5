import type { AgentCompany, EligibilityOutcome, ProductView } from '../../programme/rbf-programme.port';
import type { Language } from '../messages/catalogue';

export type Eligible = Extract<EligibilityOutcome, { kind: 'eligible' }>;

/** Screens that wait for input. Their names are also the `screen` of the request log. */
export type InputScreen =
  | 'language'
  | 'home'
  | 'check.enter_id'
  | 'check.result'
  | 'agent.pin'
  | 'sale.enter_id'
  | 'sale.company'
  | 'sale.product'
  | 'sale.province'
  | 'sale.district'
  | 'sale.sector'
  | 'sale.cell'
  | 'sale.village'
  | 'sale.confirm'
  | 'confirm.reference'
  | 'confirm.household'
  | 'confirm.mismatch';

/** The location screens, in order; the index is how many choices precede the screen. */
export const LOCATION_SCREENS = ['sale.province', 'sale.district', 'sale.sector', 'sale.cell', 'sale.village'] as const;
export type LocationScreen = (typeof LOCATION_SCREENS)[number];

/** A screen as it can be returned to: which one, which page of a list, which variant of the prompt. */
export interface Frame {
  screen: InputScreen;
  page: number;
  /** The prompt after a lookup that found nothing ("ID not found…", "No pending sale…"). */
  variant?: 'unknown_id' | 'unknown_reference';
}

export interface SaleDraft {
  nationalId: string | null;
  eligibility: Eligible | null;
  companyId: string | null;
  products: ProductView[] | null;
  productId: string | null;
  /** Indexes chosen so far: province, district, sector, cell, village. */
  path: number[];
}

/**
 * Everything a session remembers between hops (stored as jsonb in ussd_sessions.state). The screen on
 * show can always be rendered again from this alone, which is what "0" (back) relies on.
 */
export interface FlowState {
  lang: Language | null;
  at: Frame;
  /** Screens "0" goes back to, most recent last. */
  back: Frame[];
  serviceCode: string | null;
  /** Set by the first agent-only choice; kept for the session. */
  agent: { id: string; companies: AgentCompany[] } | null;
  /** The PIN is asked once per session. */
  pinOk: boolean;
  /** Where the PIN screen leads. */
  intent: 'register' | 'confirm' | null;
  /** The last eligible check, which "1. Register a sale" carries into the sale. */
  check: { nationalId: string; eligibility: Eligible } | null;
  sale: SaleDraft | null;
  confirm: { reference: string | null } | null;
}

export function initialState(lang: Language | null, serviceCode: string | null): FlowState {
  return {
    lang,
    at: { screen: lang ? 'home' : 'language', page: 0 },
    back: [],
    serviceCode,
    agent: null,
    pinOk: false,
    intent: null,
    check: null,
    sale: null,
    confirm: null,
  };
}
