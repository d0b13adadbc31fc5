import { isNationalIdFormat, makeNationalId, PLAUSIBLE_NATIONAL_ID, unusedNationalIds } from './national-id';
import { SeededRandom } from './seeded-random';

describe('national IDs', () => {
  it('makes 16-digit IDs: citizen, birth year in range, sex 7/8, first issue', () => {
    const random = new SeededRandom(7);
    for (let i = 0; i < 2000; i++) {
      const id = makeNationalId(random, 1950, 2000);
      expect(id).toMatch(PLAUSIBLE_NATIONAL_ID);
      const year = Number(id.slice(1, 5));
      expect(year).toBeGreaterThanOrEqual(1950);
      expect(year).toBeLessThanOrEqual(2000);
      expect(id[13]).toBe('0');
    }
  });

  it('accepts exactly 16 digits as the format', () => {
    expect(isNationalIdFormat('1198780012345012')).toBe(true);
    for (const bad of ['119878001234501', '11987800123450123', '119878001234501a', ' 198780012345012', '']) {
      expect(isNationalIdFormat(bad)).toBe(false);
    }
  });

  it('unusedNationalIds skips taken IDs and gives distinct plausible ones', () => {
    const stream = new SeededRandom(3);
    const candidates = Array.from({ length: 15 }, () => makeNationalId(stream, 1950, 2000));
    const taken = new Set(candidates.slice(0, 10));
    // Same seed: the first ten candidates it draws are taken, so it must answer the next five.
    const ids = unusedNationalIds(5, (id) => taken.has(id), new SeededRandom(3));
    expect(ids).toEqual(candidates.slice(10));
    for (const id of ids) expect(id).toMatch(PLAUSIBLE_NATIONAL_ID);
  });
});
