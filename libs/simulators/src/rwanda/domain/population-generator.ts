import { makeNationalId } from './national-id';
import { OmisHistory, PreexistingSale, RwandaHousehold, SocialCategory } from './rwanda-household';
import type { SaleRegistration } from './omis-sale-book';
import { RwandaLocation } from './rwanda-locations';
import { SeededRandom } from './seeded-random';

export interface PopulationOptions {
  seed: number;
  households: number;
  /** Villages to place households in (see flattenRwandaLocations). */
  locations: readonly RwandaLocation[];
}

/** Rough mix of categories in the registry, in percent (legacy 1–4 and 2020 A–E side by side). */
export const CATEGORY_MIX: readonly [SocialCategory, number][] = [
  ['1', 15], ['2', 25], ['3', 20], ['4', 5],
  ['A', 5], ['B', 8], ['C', 8], ['D', 8], ['E', 6],
];

/** Share of households OMIS already knows something about when the sandbox starts. */
export const OMIS_MIX = { subsidised: 0.1, ongoingSale: 0.04, repossession: 0.02 } as const;

/** The company behind every pre-existing ongoing sale. */
export const OTHER_COMPANY = 'OTHERCO';

/** Legacy tier of a category for pre-existing sales; the programme's default map (A:4,B:4,C:3,D:2,E:1). */
const TIER: Record<SocialCategory, number> = { '1': 1, '2': 2, '3': 3, '4': 4, A: 4, B: 4, C: 3, D: 2, E: 1 };
const INCENTIVE_PERCENT: Record<number, number> = { 1: 90, 2: 70, 3: 45, 4: 0 };
const PRODUCTS: readonly [string, number][] = [['SHS-30W', 85_000], ['SHS-50W', 115_000], ['SHS-80W', 165_000]];

// Fixed windows, not "now", so the same seed gives the same dates on every run.
const INSTALLED_FROM = Date.UTC(2023, 0, 1);
const INSTALLED_TO = Date.UTC(2026, 9, 31);
const REGISTERED_FROM = Date.UTC(2026, 10, 1);
const REGISTERED_TO = Date.UTC(2026, 10, 20);

/**
 * The simulated registry: `households` households over real villages, the same for the same seed.
 * Household IDs, voucher numbers and national IDs are unique across the whole population.
 */
export function generateRwandaHouseholds(options: PopulationOptions): RwandaHousehold[] {
  if (options.locations.length === 0) throw new Error('no village to place households in');
  const random = new SeededRandom(options.seed);
  const householdIds = new Set<string>();
  const vouchers = new Set<string>();
  const nationalIds = new Set<string>();
  const references = new Set<string>();
  const unique = (taken: Set<string>, make: () => string): string => {
    for (;;) {
      const value = make();
      if (!taken.has(value)) {
        taken.add(value);
        return value;
      }
    }
  };

  const out: RwandaHousehold[] = [];
  for (let i = 0; i < options.households; i++) {
    const householdId = unique(householdIds, () => random.digits(10));
    const category = pickCategory(random);
    const memberCount = random.int(1, 7);
    const memberIds = [unique(nationalIds, () => makeNationalId(random, 1950, 2000))];
    while (memberIds.length < memberCount) memberIds.push(unique(nationalIds, () => makeNationalId(random, 1950, 2008)));
    const location = { ...random.pick(options.locations) };
    const voucherNumber = unique(vouchers, () => random.digits(8));
    const omisHistory = pickOmisHistory(random, category, () => unique(references, () => random.digits(8)));
    out.push({ householdId, category, memberIds, location, voucherNumber, omisHistory });
  }
  return out;
}

function pickCategory(random: SeededRandom): SocialCategory {
  let roll = random.next() * 100;
  for (const [category, percent] of CATEGORY_MIX) {
    if (roll < percent) return category;
    roll -= percent;
  }
  return CATEGORY_MIX[CATEGORY_MIX.length - 1][0];
}

function pickOmisHistory(random: SeededRandom, category: SocialCategory, newReference: () => string): OmisHistory {
  const roll = random.next();
  if (roll < OMIS_MIX.subsidised) return { kind: 'subsidised', installedAt: isoSeconds(random.int(INSTALLED_FROM, INSTALLED_TO)) };
  if (roll < OMIS_MIX.subsidised + OMIS_MIX.ongoingSale) return { kind: 'ongoing_sale', sale: preexistingSale(random, category, newReference()) };
  if (roll < OMIS_MIX.subsidised + OMIS_MIX.ongoingSale + OMIS_MIX.repossession) return { kind: 'repossession' };
  return { kind: 'none' };
}

function preexistingSale(random: SeededRandom, category: SocialCategory, reference: string): PreexistingSale {
  const [productCode, priceRwf] = random.pick(PRODUCTS);
  const tier = TIER[category];
  return {
    reference,
    companyCode: OTHER_COMPANY,
    productCode,
    priceRwf,
    // Integer francs, rounded down: RWF has no minor unit.
    incentiveRwf: Math.floor((priceRwf * INCENTIVE_PERCENT[tier]) / 100),
    tier,
    registeredAt: isoSeconds(random.int(REGISTERED_FROM, REGISTERED_TO)),
  };
}

/** `2026-11-20T09:12:00Z`, as in the contract's examples. */
function isoSeconds(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * A sale another company registers for the household while the simulators run (the control API's
 * `POST /sandbox/omis/sales`): the head, a mid-range system, the incentive of the household's tier.
 */
export function otherCompanySale(h: RwandaHousehold, reference: string, companyCode: string, registeredAt: string): SaleRegistration {
  const [productCode, priceRwf] = PRODUCTS[1];
  const tier = TIER[h.category];
  return {
    reference,
    householdId: h.householdId,
    nationalId: h.memberIds[0],
    companyCode,
    productCode,
    priceRwf,
    incentiveRwf: Math.floor((priceRwf * INCENTIVE_PERCENT[tier]) / 100),
    category: h.category,
    tier,
    location: { ...h.location },
    registeredAt,
  };
}
