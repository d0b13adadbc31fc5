import { decideEligibility, EligibilityFacts, MeisAnswer, OmisAnswer } from './eligibility-decision';
import { buildRules } from './programme-rules';

const rules = buildRules({ RBF_INCENTIVE_PERCENT: '1:90,2:70,3:45,4:0', RBF_CATEGORY_MAP: 'A:4,B:4,C:3,D:2,E:1', RBF_RESERVATION_DAYS: 14 });

const person = (category = '1'): MeisAnswer => ({ kind: 'found', householdId: '0412345678', isHouseholdHead: true, category, memberCount: 5 });
const clear: OmisAnswer = { kind: 'found', subsidised: false, ongoingSale: false, repossession: false, voucherNumber: '73920184' };

function facts(over: Partial<EligibilityFacts> = {}): EligibilityFacts {
  return {
    meis: person(),
    omis: clear,
    ownSales: { confirmed: false, pending: false },
    budgetAvailableRwf: 1_000_000,
    smallestIncentiveRwf: 50_000,
    ...over,
  };
}

describe('decideEligibility', () => {
  it('finds an eligible household, with its tier, percent and voucher', () => {
    expect(decideEligibility(rules, facts())).toEqual({
      kind: 'eligible',
      householdId: '0412345678',
      category: '1',
      tier: 1,
      incentivePercent: 90,
      memberCount: 5,
      isHouseholdHead: true,
      voucherNumber: '73920184',
    });
  });

  it('maps 2020 categories through the category map (trimmed, any case)', () => {
    expect(decideEligibility(rules, facts({ meis: person(' d ') }))).toMatchObject({ kind: 'eligible', category: 'D', tier: 2, incentivePercent: 70 });
    expect(decideEligibility(rules, facts({ meis: person('E') }))).toMatchObject({ kind: 'eligible', tier: 1, incentivePercent: 90 });
  });

  it('unknown_id comes first: MEIS does not know the ID, whatever else failed', () => {
    expect(decideEligibility(rules, facts({ meis: { kind: 'not_found' }, omis: { kind: 'unavailable' }, ownSales: null }))).toEqual({ kind: 'unknown_id' });
  });

  it('unavailable next, naming MEIS before OMIS', () => {
    expect(decideEligibility(rules, facts({ meis: { kind: 'unavailable' }, omis: { kind: 'unavailable' } }))).toEqual({ kind: 'unavailable', system: 'MEIS' });
    expect(decideEligibility(rules, facts({ omis: { kind: 'unavailable' }, ownSales: { confirmed: true, pending: false } }))).toEqual({ kind: 'unavailable', system: 'OMIS' });
  });

  it('already_subsidised from OMIS or from a confirmed sale in Limye, before blocks', () => {
    const subsidised = { ...clear, subsidised: true, ongoingSale: true, repossession: true };
    expect(decideEligibility(rules, facts({ omis: subsidised }))).toEqual({ kind: 'already_subsidised', householdId: '0412345678' });
    expect(decideEligibility(rules, facts({ ownSales: { confirmed: true, pending: true } }))).toEqual({ kind: 'already_subsidised', householdId: '0412345678' });
  });

  it('blocked by an ongoing sale (OMIS or pending in Limye) before a repossession, and before category rules', () => {
    expect(decideEligibility(rules, facts({ omis: { ...clear, ongoingSale: true, repossession: true }, meis: person('4') }))).toEqual({
      kind: 'blocked',
      householdId: '0412345678',
      reason: 'ongoing_sale',
    });
    expect(decideEligibility(rules, facts({ ownSales: { confirmed: false, pending: true } }))).toMatchObject({ kind: 'blocked', reason: 'ongoing_sale' });
    expect(decideEligibility(rules, facts({ omis: { ...clear, repossession: true }, meis: person('4') }))).toEqual({
      kind: 'blocked',
      householdId: '0412345678',
      reason: 'repossession',
    });
  });

  it('category_not_eligible for a 0 % tier or an unmapped category (tier 0), before budgets', () => {
    expect(decideEligibility(rules, facts({ meis: person('4'), budgetAvailableRwf: 0 }))).toEqual({
      kind: 'category_not_eligible',
      householdId: '0412345678',
      category: '4',
      tier: 4,
    });
    expect(decideEligibility(rules, facts({ meis: person('A') }))).toMatchObject({ kind: 'category_not_eligible', category: 'A', tier: 4 });
    expect(decideEligibility(rules, facts({ meis: person('Z') }))).toMatchObject({ kind: 'category_not_eligible', category: 'Z', tier: 0 });
  });

  it('budget_spent when the budget cannot pay the smallest incentive; exactly enough is eligible', () => {
    expect(decideEligibility(rules, facts({ budgetAvailableRwf: 49_999 }))).toEqual({ kind: 'budget_spent', householdId: '0412345678', category: '1', tier: 1 });
    expect(decideEligibility(rules, facts({ budgetAvailableRwf: 50_000 })).kind).toBe('eligible');
  });

  it('without any active product, budget_spent only when nothing is left', () => {
    expect(decideEligibility(rules, facts({ smallestIncentiveRwf: null, budgetAvailableRwf: 0 })).kind).toBe('budget_spent');
    expect(decideEligibility(rules, facts({ smallestIncentiveRwf: null, budgetAvailableRwf: 1 })).kind).toBe('eligible');
  });

  it('a missing own-sales answer counts as no sales; an OMIS without voucher gives null', () => {
    expect(decideEligibility(rules, facts({ ownSales: null, omis: { ...clear, voucherNumber: null } }))).toMatchObject({ kind: 'eligible', voucherNumber: null });
  });
});
