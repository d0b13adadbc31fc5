import { scryptCostOf, scryptHash, scryptMatches, scryptNeedsRehash } from './scrypt-hash';

describe('scrypt hashes', () => {
  const cheap = { N: 1024, r: 8, p: 1 };

  it('carry their cost, so a raised cost asks for a rehash of older hashes only', async () => {
    const stored = await scryptHash('correct horse', cheap);
    expect(scryptCostOf(stored)).toEqual(cheap);
    await expect(scryptMatches('correct horse', stored)).resolves.toBe(true);
    await expect(scryptMatches('correct horsE', stored)).resolves.toBe(false);
    expect(scryptNeedsRehash(stored, cheap)).toBe(false);
    expect(scryptNeedsRehash(stored, { ...cheap, N: 2048 })).toBe(true);
    expect(scryptNeedsRehash(stored, { ...cheap, p: 2 })).toBe(true);
    expect(scryptNeedsRehash('bcrypt$…', cheap)).toBe(true);
    expect(scryptCostOf('scrypt$0$8$1$a$b')).toBeNull();
  });
});
