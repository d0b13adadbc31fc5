import fc from 'fast-check';
import { readFileSync } from 'fs';
import { defaultRwandaLocationsFile } from '@limye/platform';
import { PLAUSIBLE_NATIONAL_ID } from './national-id';
import { CATEGORY_MIX, generateRwandaHouseholds, OMIS_MIX, OTHER_COMPANY } from './population-generator';
import { RwandaHousehold, SOCIAL_CATEGORIES } from './rwanda-household';
import { flattenRwandaLocations, RwandaLocation } from './rwanda-locations';

describe('generateRwandaHouseholds', () => {
  const locations = flattenRwandaLocations(JSON.parse(readFileSync(defaultRwandaLocationsFile(), 'utf8')));
  let population: RwandaHousehold[];
  let tookMs: number;

  beforeAll(() => {
    const t0 = performance.now();
    population = generateRwandaHouseholds({ seed: 20261122, households: 5000, locations });
    tookMs = performance.now() - t0;
  });

  const allIds = (hs: RwandaHousehold[]) => hs.flatMap((h) => h.memberIds);

  it('is the same for the same seed and different for another', () => {
    expect(generateRwandaHouseholds({ seed: 20261122, households: 5000, locations })).toEqual(population);
    const other = generateRwandaHouseholds({ seed: 20261123, households: 5000, locations });
    expect(other.map((h) => h.householdId)).not.toEqual(population.map((h) => h.householdId));
  });

  it('generates 5000 households fast (well under a second)', () => {
    expect(population).toHaveLength(5000);
    expect(tookMs).toBeLessThan(1000);
  });

  it('gives unique 10-digit household IDs, unique 8-digit voucher numbers and unique plausible national IDs', () => {
    expect(new Set(population.map((h) => h.householdId)).size).toBe(5000);
    expect(new Set(population.map((h) => h.voucherNumber)).size).toBe(5000);
    for (const h of population) {
      expect(h.householdId).toMatch(/^\d{10}$/);
      expect(h.voucherNumber).toMatch(/^\d{8}$/);
    }
    const ids = allIds(population);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(PLAUSIBLE_NATIONAL_ID);
  });

  it('has 1–7 adult members, the head born 1950–2000 and the others 1950–2008', () => {
    const sizes = new Set<number>();
    for (const h of population) {
      sizes.add(h.memberIds.length);
      const [head, ...others] = h.memberIds.map((id) => Number(id.slice(1, 5)));
      expect(head).toBeGreaterThanOrEqual(1950);
      expect(head).toBeLessThanOrEqual(2000);
      for (const year of others) {
        expect(year).toBeGreaterThanOrEqual(1950);
        expect(year).toBeLessThanOrEqual(2008);
      }
    }
    expect([...sizes].sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('mixes the categories roughly as asked, every one present', () => {
    for (const [category, percent] of CATEGORY_MIX) {
      const share = (population.filter((h) => h.category === category).length / population.length) * 100;
      expect(Math.abs(share - percent)).toBeLessThan(2.5);
    }
    expect(new Set(population.map((h) => h.category))).toEqual(new Set(SOCIAL_CATEGORIES));
  });

  it('gives about 10 % subsidised, 4 % ongoing sales by another company, 2 % repossessions', () => {
    const share = (kind: string) => population.filter((h) => h.omisHistory.kind === kind).length / population.length;
    expect(Math.abs(share('subsidised') - OMIS_MIX.subsidised)).toBeLessThan(0.015);
    expect(Math.abs(share('ongoing_sale') - OMIS_MIX.ongoingSale)).toBeLessThan(0.01);
    expect(Math.abs(share('repossession') - OMIS_MIX.repossession)).toBeLessThan(0.008);
    expect(share('none')).toBeGreaterThan(0.8);

    const sales = population.flatMap((h) => (h.omisHistory.kind === 'ongoing_sale' ? [h.omisHistory.sale] : []));
    expect(new Set(sales.map((s) => s.reference)).size).toBe(sales.length);
    for (const s of sales) {
      expect(s).toMatchObject({ companyCode: OTHER_COMPANY, reference: expect.stringMatching(/^\d{8}$/) });
      expect(Number.isInteger(s.incentiveRwf) && s.incentiveRwf <= s.priceRwf).toBe(true);
      expect(s.registeredAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    }
    for (const h of population) {
      if (h.omisHistory.kind === 'subsidised') expect(h.omisHistory.installedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    }
  });

  it('places households in real villages, with clean names', () => {
    const known = new Set(locations.map(key));
    for (const h of population) {
      expect(known.has(key(h.location))).toBe(true);
      expect(Object.values(h.location).join('|')).not.toContain('\u00a0');
    }
    expect(new Set(population.map((h) => h.location.province)).size).toBe(5);
  });

  it('keeps IDs unique and plausible for any seed (property)', () => {
    const few = locations.slice(0, 50);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (seed) => {
        const hs = generateRwandaHouseholds({ seed, households: 300, locations: few });
        const ids = allIds(hs);
        return new Set(ids).size === ids.length && ids.every((id) => PLAUSIBLE_NATIONAL_ID.test(id)) && new Set(hs.map((h) => h.householdId)).size === hs.length;
      }),
      { numRuns: 25 },
    );
  });
});

function key(l: RwandaLocation): string {
  return [l.province, l.district, l.sector, l.cell, l.village].join('/');
}
