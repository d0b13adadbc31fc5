import { hashPin, pinMatches } from './pin-hash';

describe('PIN hashes', () => {
  it('match the PIN they were made from and no other', async () => {
    const stored = await hashPin('4821');
    expect(stored).toMatch(/^scrypt\$4096\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(stored).not.toContain('4821');
    await expect(pinMatches('4821', stored)).resolves.toBe(true);
    await expect(pinMatches('4822', stored)).resolves.toBe(false);
    await expect(pinMatches('', stored)).resolves.toBe(false);
  });

  it('are salted: the same PIN twice gives two hashes', async () => {
    const [a, b] = await Promise.all([hashPin('123456'), hashPin('123456')]);
    expect(a).not.toBe(b);
    await expect(pinMatches('123456', b)).resolves.toBe(true);
  });

  it('a malformed stored value never matches', async () => {
    await expect(pinMatches('1234', 'plain:1234')).resolves.toBe(false);
    await expect(pinMatches('1234', 'scrypt$x$8$1$AAAA$')).resolves.toBe(false);
  });
});

describe('PIN hashes made with an earlier cost setting', () => {
  it('still verify, since each hash carries its own N', async () => {
    const { scryptSync, randomBytes } = await import('crypto');
    const salt = randomBytes(16);
    const key = scryptSync('4821', salt, 32, { N: 16384, r: 8, p: 1 });
    const old = `scrypt$16384$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
    await expect(pinMatches('4821', old)).resolves.toBe(true);
    await expect(pinMatches('4822', old)).resolves.toBe(false);
  });
});
