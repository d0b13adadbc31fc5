/**
 * The shape every language's catalogue has: the same keys with the same arguments, so a missing or extra
 * key in one language is a compile error. Texts are GSM-7 only and each rendered screen fits 182 septets
 * (checked for every key with worst-case arguments by screens.spec.ts).
 */
export type Language = 'en' | 'rw';
export const LANGUAGES: readonly Language[] = ['en', 'rw'];

/** Full screens and their arguments. Amounts are whole RWF. */
export interface ScreenArgs {
  /** Shown before the language is known, so the same bilingual text in both catalogues. */
  language: Record<string, never>;
  home: Record<string, never>;
  enter_id: Record<string, never>;
  unknown_id: Record<string, never>;
  eligible: { percent: number; category: string };
  already_subsidised: Record<string, never>;
  category_not_eligible: { category: string };
  blocked: Record<string, never>;
  budget_spent: { category: string };
  unavailable: Record<string, never>;
  not_agent: Record<string, never>;
  no_company: Record<string, never>;
  pin: Record<string, never>;
  /** `until`: HH:MM, Kigali time. */
  pin_locked: { until: string };
  no_products: Record<string, never>;
  sale_confirm: { idLast4: string; category: string; percent: number; product: string; price: number; incentive: number; village: string };
  /** `until`: DD/MM, Kigali time. */
  sale_registered: { reference: string; incentive: number; until: string };
  sale_blocked: Record<string, never>;
  sale_invalid: Record<string, never>;
  sale_terms_changed: Record<string, never>;
  reference: Record<string, never>;
  unknown_reference: Record<string, never>;
  household: Record<string, never>;
  confirmed: { reference: string };
  already_used: Record<string, never>;
  mismatch: Record<string, never>;
  session_expired: Record<string, never>;
  bad_request: Record<string, never>;
  /** Too many hops from this phone or gateway address (USSD_RATE_LIMIT_*). */
  busy: Record<string, never>;
  error: Record<string, never>;
}
export type ScreenKey = keyof ScreenArgs;

/** One-line notices shown above a screen that is asked again. */
export interface NoticeArgs {
  invalid_choice: Record<string, never>;
  digits_only: Record<string, never>;
  empty: Record<string, never>;
  id_not_digits: Record<string, never>;
  id_wrong_length: { typed: number };
  id_implausible: Record<string, never>;
  pin_wrong: { left: number };
  ref_format: Record<string, never>;
  budget_short: Record<string, never>;
}
export type NoticeKey = keyof NoticeArgs;
export type NoticeRef = { [K in NoticeKey]: { key: K; args: NoticeArgs[K] } }[NoticeKey];

/** Titles of the paged lists. */
export type ListKey = 'company' | 'product' | 'province' | 'district' | 'sector' | 'cell' | 'village';
export const LIST_KEYS: readonly ListKey[] = ['company', 'product', 'province', 'district', 'sector', 'cell', 'village'];
/** The only notices a list page can carry (its budget keeps room for the longest of them). */
export type ListNoticeKey = 'invalid_choice' | 'digits_only' | 'budget_short';
export const LIST_NOTICES: readonly ListNoticeKey[] = ['invalid_choice', 'digits_only', 'budget_short'];

export interface Catalogue {
  screens: { [K in ScreenKey]: (a: ScreenArgs[K]) => string };
  notices: { [K in NoticeKey]: (a: NoticeArgs[K]) => string };
  lists: { [K in ListKey]: string };
  /** One product line of the product list (name already capped). */
  productItem: (a: { name: string; price: number }) => string;
  /** "98 More". */
  more: string;
  /** "0 Back 00 Home". */
  nav: string;
}

/** END screens close the session; the others wait for input. */
export const SCREEN_ENDS: { [K in ScreenKey]: boolean } = {
  language: false,
  home: false,
  enter_id: false,
  unknown_id: false,
  eligible: false,
  already_subsidised: true,
  category_not_eligible: true,
  blocked: true,
  budget_spent: true,
  unavailable: true,
  not_agent: true,
  no_company: true,
  pin: false,
  pin_locked: true,
  no_products: true,
  sale_confirm: false,
  sale_registered: true,
  sale_blocked: true,
  sale_invalid: true,
  sale_terms_changed: true,
  reference: false,
  unknown_reference: false,
  household: false,
  confirmed: true,
  already_used: true,
  mismatch: false,
  session_expired: true,
  bad_request: true,
  busy: true,
  error: true,
};

/** Which notices each screen may carry; rendering any other is a bug (render throws). */
export const SCREEN_NOTICES: { [K in ScreenKey]: readonly NoticeKey[] } = {
  language: ['invalid_choice', 'digits_only'],
  home: ['invalid_choice', 'digits_only'],
  enter_id: ['empty', 'id_not_digits', 'id_wrong_length', 'id_implausible'],
  unknown_id: [],
  eligible: ['invalid_choice', 'digits_only'],
  already_subsidised: [],
  category_not_eligible: [],
  blocked: [],
  budget_spent: [],
  unavailable: [],
  not_agent: [],
  no_company: [],
  pin: ['empty', 'digits_only', 'pin_wrong'],
  pin_locked: [],
  no_products: [],
  sale_confirm: ['invalid_choice', 'digits_only'],
  sale_registered: [],
  sale_blocked: [],
  sale_invalid: [],
  sale_terms_changed: [],
  reference: ['empty', 'digits_only', 'ref_format'],
  unknown_reference: [],
  household: ['empty'],
  confirmed: [],
  already_used: [],
  mismatch: ['invalid_choice', 'digits_only'],
  session_expired: [],
  bad_request: [],
  busy: [],
  error: [],
};

/** Screens that can be shown before the phone's language is known: rendered in both languages. */
export const BILINGUAL_SCREENS: readonly ScreenKey[] = ['language', 'bad_request', 'busy', 'session_expired', 'error'];

/** Names from outside are capped on screen so that no name can push a screen over budget. */
export const NAME_CAPS = { product: 20, company: 24, location: 20, category: 2, reference: 12 } as const;
/** The largest amount a screen is sized for; larger ones still render, with fewer spare septets. */
export const MAX_SHOWN_RWF = 99_999_999;

/** 1234567 → "1,234,567" (whole francs, as Rwandans write amounts in both languages). */
export function formatRwf(amount: number): string {
  const digits = String(Math.trunc(Math.abs(amount)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return amount < 0 ? `-${grouped}` : grouped;
}
