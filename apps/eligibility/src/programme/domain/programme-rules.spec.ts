import fc from 'fast-check';
import {
  buildRules,
  incentiveCapProblem,
  incentiveFor,
  parseBudgets,
  parseCategoryMap,
  parseIncentivePercent,
  percentForTier,
  reservationExpiry,
  RuleConfigError,
  smallestIncentive,
  tierForCategory,
} from './programme-rules';

const rules = buildRules({ RBF_INCENTIVE_PERCENT: '1:90,2:70,3:45,4:0', RBF_CATEGORY_MAP: 'A:4,B:4,C:3,D:2,E:1', RBF_RESERVATION_DAYS: 14 });

describe('parseIncentivePercent', () => {
  it('reads the default table, spaces allowed', () => {
    expect([...parseIncentivePercent(' 1 : 90, 2:70 ,3:45,4:0')]).toEqual([[1, 90], [2, 70], [3, 45], [4, 0]]);
  });

  it.each([
    ['1:90,1:70', /given twice/],
    ['1:101', /above 100/],
    ['', /no tier/],
    ['1=90', /not key:value/],
    ['0:50', /not key:value/],
    ['1:90:3', /not key:value/],
  ])('refuses %p naming the variable', (text, problem) => {
    expect(() => parseIncentivePercent(text)).toThrow(RuleConfigError);
    expect(() => parseIncentivePercent(text)).toThrow(/^RBF_INCENTIVE_PERCENT: /);
    expect(() => parseIncentivePercent(text)).toThrow(problem);
  });
});

describe('parseCategoryMap', () => {
  it('reads letters case-insensitively', () => {
    expect([...parseCategoryMap('a:4, B:4,c:3,D:2,e:1')]).toEqual([['A', 4], ['B', 4], ['C', 3], ['D', 2], ['E', 1]]);
  });

  it('refuses a letter given twice (in any case) and a non-letter key', () => {
    expect(() => parseCategoryMap('A:4,a:3')).toThrow(/RBF_CATEGORY_MAP: A is given twice/);
    expect(() => parseCategoryMap('1:4')).toThrow(/RBF_CATEGORY_MAP/);
  });
});

describe('parseBudgets', () => {
  it('reads tiers and whole RWF; empty means none', () => {
    expect([...parseBudgets('1:100000000, 2:50000000')]).toEqual([[1, 100000000], [2, 50000000]]);
    expect(parseBudgets('').size).toBe(0);
    expect(parseBudgets('   ').size).toBe(0);
  });

  it('refuses fractions and repeats', () => {
    expect(() => parseBudgets('1:10.5')).toThrow(/RBF_BUDGETS_RWF/);
    expect(() => parseBudgets('1:10,1:20')).toThrow(/RBF_BUDGETS_RWF: 1 is given twice/);
  });
});

describe('tierForCategory', () => {
  it.each([
    ['1', 1],
    ['4', 4],
    [' 2 ', 2],
    ['E', 1],
    ['e', 1],
    [' d ', 2],
    ['C', 3],
    ['A', 4],
    ['B', 4],
  ])('%p → tier %p', (category, tier) => {
    expect(tierForCategory(rules, category)).toBe(tier);
  });

  it.each([['F'], [''], ['  '], ['12'], ['AB'], [null], [undefined], ['0']])('%p has no tier', (category) => {
    expect(tierForCategory(rules, category as string | null | undefined)).toBeNull();
  });
});

describe('percentForTier', () => {
  it('takes the table, and gives 0 to a tier it does not name or to no tier', () => {
    expect(percentForTier(rules, 1)).toBe(90);
    expect(percentForTier(rules, 2)).toBe(70);
    expect(percentForTier(rules, 3)).toBe(45);
    expect(percentForTier(rules, 4)).toBe(0);
    expect(percentForTier(rules, 7)).toBe(0);
    expect(percentForTier(rules, null)).toBe(0);
  });
});

describe('incentiveFor', () => {
  it('is the percentage of the price rounded down, at most the cap', () => {
    expect(incentiveFor({ priceRwf: 115000, incentiveCapRwf: 200000 }, 90)).toBe(103500);
    expect(incentiveFor({ priceRwf: 115000, incentiveCapRwf: 100000 }, 90)).toBe(100000);
    expect(incentiveFor({ priceRwf: 99999, incentiveCapRwf: 1_000_000 }, 45)).toBe(44999); // 44999.55 → down
    expect(incentiveFor({ priceRwf: 1, incentiveCapRwf: 10 }, 70)).toBe(0);
    expect(incentiveFor({ priceRwf: 50000, incentiveCapRwf: 50000 }, 0)).toBe(0);
  });

  it('stays exact where price × percent passes 2^53', () => {
    expect(incentiveFor({ priceRwf: Number.MAX_SAFE_INTEGER, incentiveCapRwf: Number.MAX_SAFE_INTEGER }, 100)).toBe(Number.MAX_SAFE_INTEGER);
    expect(incentiveFor({ priceRwf: Number.MAX_SAFE_INTEGER, incentiveCapRwf: Number.MAX_SAFE_INTEGER }, 90)).toBe(Number((BigInt(Number.MAX_SAFE_INTEGER) * 90n) / 100n));
  });

  it('refuses fractional money and percentages outside 0..100', () => {
    expect(() => incentiveFor({ priceRwf: 10.5, incentiveCapRwf: 5 }, 50)).toThrow(RangeError);
    expect(() => incentiveFor({ priceRwf: 10, incentiveCapRwf: -1 }, 50)).toThrow(RangeError);
    expect(() => incentiveFor({ priceRwf: 10, incentiveCapRwf: 5 }, 101)).toThrow(RangeError);
    expect(() => incentiveFor({ priceRwf: 10, incentiveCapRwf: 5 }, 12.5)).toThrow(RangeError);
  });

  it('is an integer never above the price share nor the cap (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), fc.integer({ min: 0, max: 10 ** 12 }), fc.integer({ min: 0, max: 100 }), (price, cap, pct) => {
        const x = incentiveFor({ priceRwf: price, incentiveCapRwf: cap }, pct);
        return Number.isInteger(x) && x <= cap && x * 100 <= price * pct && (x === cap || (x + 1) * 100 > price * pct);
      }),
    );
  });
});

describe('incentiveCapProblem', () => {
  it('accepts a cap up to the price, refuses one above it naming the price', () => {
    expect(incentiveCapProblem({ priceRwf: 115000, incentiveCapRwf: 100000 })).toBeNull();
    expect(incentiveCapProblem({ priceRwf: 115000, incentiveCapRwf: 115000 })).toBeNull();
    expect(incentiveCapProblem({ priceRwf: 1, incentiveCapRwf: 1 })).toBeNull();
    expect(incentiveCapProblem({ priceRwf: 115000, incentiveCapRwf: 115001 })).toBe('must not be more than priceRwf (115000 RWF)');
    expect(incentiveCapProblem({ priceRwf: 20000, incentiveCapRwf: 100000 })).toMatch(/priceRwf/);
  });
});

describe('smallestIncentive', () => {
  it('is the least incentive any product would need, or null without products', () => {
    const products = [
      { priceRwf: 115000, incentiveCapRwf: 100000 },
      { priceRwf: 60000, incentiveCapRwf: 100000 },
      { priceRwf: 200000, incentiveCapRwf: 30000 },
    ];
    expect(smallestIncentive(products, 90)).toBe(30000);
    expect(smallestIncentive(products, 45)).toBe(27000);
    expect(smallestIncentive([], 90)).toBeNull();
  });
});

describe('reservationExpiry', () => {
  it('is the registration time plus the reservation days', () => {
    expect(reservationExpiry(new Date('2026-11-22T10:15:00Z'), 14).toISOString()).toBe('2026-12-06T10:15:00.000Z');
    expect(reservationExpiry(new Date('2026-02-28T23:00:00Z'), 1).toISOString()).toBe('2026-03-01T23:00:00.000Z');
  });
});
