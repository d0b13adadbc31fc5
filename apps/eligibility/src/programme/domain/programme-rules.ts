/**
 * The programme's rules as configured (RBF_INCENTIVE_PERCENT, RBF_CATEGORY_MAP, RBF_BUDGETS_RWF,
 * RBF_RESERVATION_DAYS): parsed once at start, then applied by pure functions. Amounts are whole RWF.
 */

/** Legacy Ubudehe tiers are 1..9 in the configuration syntax (the programme uses 1..4). */
export type Tier = number;

export interface ProgrammeRules {
  /** Tier → incentive percent (0..100). */
  incentivePercent: ReadonlyMap<Tier, number>;
  /** 2020 category letter (upper case) → tier. */
  categoryMap: ReadonlyMap<string, Tier>;
  reservationDays: number;
}

export class RuleConfigError extends Error {
  constructor(readonly variable: string, problem: string) {
    super(`${variable}: ${problem}`);
    this.name = 'RuleConfigError';
  }
}

/** Splits `k:v,k:v` into pairs, refusing duplicate keys (a typo would otherwise silently win). */
function pairs(variable: string, text: string, keyPattern: RegExp, valuePattern: RegExp): Array<[string, string]> {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  const seen = new Set<string>();
  return trimmed.split(',').map((part) => {
    const [rawKey, rawValue, ...rest] = part.split(':').map((s) => s.trim());
    if (rest.length > 0 || rawKey === undefined || rawValue === undefined || !keyPattern.test(rawKey) || !valuePattern.test(rawValue)) {
      throw new RuleConfigError(variable, `"${part.trim()}" is not key:value`);
    }
    const key = rawKey.toUpperCase();
    if (seen.has(key)) throw new RuleConfigError(variable, `${key} is given twice`);
    seen.add(key);
    return [key, rawValue];
  });
}

/** `1:90,2:70,3:45,4:0` → tier → percent. Percent above 100 is refused: the programme never pays more than the price. */
export function parseIncentivePercent(text: string): Map<Tier, number> {
  const out = new Map<Tier, number>();
  for (const [k, v] of pairs('RBF_INCENTIVE_PERCENT', text, /^[1-9]$/, /^\d{1,3}$/)) {
    const percent = Number(v);
    if (percent > 100) throw new RuleConfigError('RBF_INCENTIVE_PERCENT', `tier ${k}: ${percent} % is above 100 %`);
    out.set(Number(k), percent);
  }
  if (out.size === 0) throw new RuleConfigError('RBF_INCENTIVE_PERCENT', 'no tier is configured');
  return out;
}

/** `A:4,B:4,C:3,D:2,E:1` → category letter → tier. Letters are case-insensitive. */
export function parseCategoryMap(text: string): Map<string, Tier> {
  const out = new Map<string, Tier>();
  for (const [k, v] of pairs('RBF_CATEGORY_MAP', text, /^[A-Za-z]$/, /^[1-9]$/)) out.set(k, Number(v));
  return out;
}

/** `1:100000000,2:50000000` → tier → RWF. Empty: no initial budgets. */
export function parseBudgets(text: string): Map<Tier, number> {
  const out = new Map<Tier, number>();
  for (const [k, v] of pairs('RBF_BUDGETS_RWF', text, /^[1-9]$/, /^\d{1,15}$/)) out.set(Number(k), Number(v));
  return out;
}

export function buildRules(env: { RBF_INCENTIVE_PERCENT: string; RBF_CATEGORY_MAP: string; RBF_RESERVATION_DAYS: number }): ProgrammeRules {
  const incentivePercent = parseIncentivePercent(env.RBF_INCENTIVE_PERCENT);
  const categoryMap = parseCategoryMap(env.RBF_CATEGORY_MAP);
  return { incentivePercent, categoryMap, reservationDays: env.RBF_RESERVATION_DAYS };
}

/**
 * The tier of a category as MEIS reports it: a legacy digit '1'..'9' is its own tier, a 2020 letter maps
 * through RBF_CATEGORY_MAP. Trimmed and case-insensitive. null: not a category the rules know.
 */
export function tierForCategory(rules: ProgrammeRules, category: string | null | undefined): Tier | null {
  const c = (category ?? '').trim().toUpperCase();
  if (/^[1-9]$/.test(c)) return Number(c);
  if (/^[A-Z]$/.test(c)) return rules.categoryMap.get(c) ?? null;
  return null;
}

/** The incentive percent of a tier; a tier the table does not name gets nothing. */
export function percentForTier(rules: ProgrammeRules, tier: Tier | null): number {
  if (tier === null) return 0;
  return rules.incentivePercent.get(tier) ?? 0;
}

export interface PricedProduct {
  priceRwf: number;
  incentiveCapRwf: number;
}

/** min(floor(price × percent / 100), cap), in integer arithmetic (no float rounding on money). */
export function incentiveFor(product: PricedProduct, percent: number): number {
  assertWholeRwf(product.priceRwf, 'priceRwf');
  assertWholeRwf(product.incentiveCapRwf, 'incentiveCapRwf');
  if (!Number.isInteger(percent) || percent < 0 || percent > 100) throw new RangeError(`incentive percent ${percent} is not an integer 0..100`);
  // BigInt keeps price × percent exact even where it would pass 2^53.
  const share = Number((BigInt(product.priceRwf) * BigInt(percent)) / 100n);
  return Math.min(share, product.incentiveCapRwf);
}

/**
 * A product's cap may not be above its price: the incentive can never be more than the price anyway, and
 * a cap above it is a typo that would hide the real ceiling from programme staff. Null when fine.
 */
export function incentiveCapProblem(product: PricedProduct): string | null {
  return product.incentiveCapRwf > product.priceRwf ? `must not be more than priceRwf (${product.priceRwf} RWF)` : null;
}

/** The smallest incentive any of these products would need at this percent; null when there is none. */
export function smallestIncentive(products: readonly PricedProduct[], percent: number): number | null {
  let min: number | null = null;
  for (const p of products) {
    const x = incentiveFor(p, percent);
    if (min === null || x < min) min = x;
  }
  return min;
}

/** When a registered sale's reservation runs out. */
export function reservationExpiry(registeredAt: Date, reservationDays: number): Date {
  return new Date(registeredAt.getTime() + reservationDays * 24 * 60 * 60 * 1000);
}

function assertWholeRwf(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} ${value} is not a whole, non-negative number of RWF`);
}
