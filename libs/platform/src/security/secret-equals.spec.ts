import { secretEquals, secretMatcher } from './secret-equals';

describe('secretEquals and secretMatcher', () => {
  it('accept the same secret only, whatever the lengths, and refuse a missing one', () => {
    const matches = secretMatcher('sandbox-key');
    for (const check of [(p: string | undefined) => secretEquals(p, 'sandbox-key'), matches]) {
      expect(check('sandbox-key')).toBe(true);
      expect(check('sandbox-kez')).toBe(false);
      expect(check('sandbox-key ')).toBe(false);
      expect(check('')).toBe(false);
      expect(check(undefined)).toBe(false);
    }
    expect(secretMatcher('')('')).toBe(true);
  });
});
