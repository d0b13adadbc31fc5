import type { EligibilityOutcome } from '../rbf-programme.port';
import { percentForTier, ProgrammeRules, tierForCategory } from './programme-rules';

/** What MEIS said about a national ID. */
export type MeisAnswer =
  | {
      kind: 'found';
      householdId: string;
      isHouseholdHead: boolean;
      category: string;
      memberCount: number;
    }
  | { kind: 'not_found' }
  | { kind: 'unavailable' };

/** What OMIS said about the household of a national ID. */
export type OmisAnswer =
  | { kind: 'found'; subsidised: boolean; ongoingSale: boolean; repossession: boolean; voucherNumber: string | null }
  | { kind: 'unavailable' };

/** Limye's own sales for the household (they may not have reached OMIS yet). */
export interface OwnSales {
  confirmed: boolean;
  pending: boolean;
}

export interface EligibilityFacts {
  meis: MeisAnswer;
  omis: OmisAnswer;
  /** Null when MEIS did not give a household to look for. */
  ownSales: OwnSales | null;
  /** What the household's tier budget can still pay (total − reserved − spent); 0 without a budget. */
  budgetAvailableRwf: number;
  /** The smallest incentive any active product would need at the household's percent; null: no active product. */
  smallestIncentiveRwf: number | null;
}

/**
 * The eligibility decision, in this precedence: unknown_id → unavailable → already_subsidised → blocked →
 * category_not_eligible → budget_spent → eligible. A household that already has a system is told so
 * before anything about budgets, and nothing is ever "eligible" on a half answer.
 */
export function decideEligibility(rules: ProgrammeRules, facts: EligibilityFacts): EligibilityOutcome {
  const { meis, omis } = facts;
  if (meis.kind === 'not_found') return { kind: 'unknown_id' };
  if (meis.kind === 'unavailable') return { kind: 'unavailable', system: 'MEIS' };
  if (omis.kind === 'unavailable') return { kind: 'unavailable', system: 'OMIS' };

  const householdId = meis.householdId;
  const own = facts.ownSales ?? { confirmed: false, pending: false };
  if (omis.subsidised || own.confirmed) return { kind: 'already_subsidised', householdId };
  if (omis.ongoingSale || own.pending) return { kind: 'blocked', householdId, reason: 'ongoing_sale' };
  if (omis.repossession) return { kind: 'blocked', householdId, reason: 'repossession' };

  const category = meis.category.trim().toUpperCase();
  const tier = tierForCategory(rules, category);
  const percent = percentForTier(rules, tier);
  // An unmapped category is reported as tier 0: there is no tier to name.
  if (tier === null || percent <= 0) return { kind: 'category_not_eligible', householdId, category, tier: tier ?? 0 };

  const needed = facts.smallestIncentiveRwf;
  const spent = needed === null ? facts.budgetAvailableRwf <= 0 : facts.budgetAvailableRwf < needed;
  if (spent) return { kind: 'budget_spent', householdId, category, tier };

  return {
    kind: 'eligible',
    householdId,
    category,
    tier,
    incentivePercent: percent,
    memberCount: meis.memberCount,
    isHouseholdHead: meis.isHouseholdHead,
    voucherNumber: omis.voucherNumber,
  };
}
