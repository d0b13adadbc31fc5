import fc from 'fast-check';
import { dammCheckDigit } from '@limye/contracts';
import { generateAccountNumber, isValidAccountNumber } from './account-number';

const DIGITS = '0123456789'.split('');

/** Every number one wrong digit away from `code`. */
function substitutions(code: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < code.length; i++) {
    for (const d of DIGITS) if (d !== code[i]) out.push(code.slice(0, i) + d + code.slice(i + 1));
  }
  return out;
}

/** Every number made by swapping two adjacent different digits of `code`. */
function adjacentTranspositions(code: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < code.length; i++) {
    if (code[i] !== code[i + 1]) out.push(code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2));
  }
  return out;
}

describe('dammCheckDigit', () => {
  it('matches the published examples', () => {
    expect(dammCheckDigit('572')).toBe(4);
    expect(dammCheckDigit('5724')).toBe(0);
    expect(dammCheckDigit('0')).toBe(0);
  });

  it('rejects anything but digits', () => {
    for (const bad of ['', '12a', ' 12', '-1', '1.0']) expect(() => dammCheckDigit(bad)).toThrow(RangeError);
  });
});

describe('generateAccountNumber', () => {
  it('is the zero-padded six-digit sequence value followed by its check digit', () => {
    expect(generateAccountNumber(572)).toBe('0005724');
    expect(generateAccountNumber(100000)).toBe(`100000${dammCheckDigit('100000')}`);
    expect(generateAccountNumber(999999)).toHaveLength(7);
    expect(generateAccountNumber(1000000)).toBe(`1000000${dammCheckDigit('1000000')}`);
  });

  it('rejects negative, fractional and unsafe sequence values', () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1]) expect(() => generateAccountNumber(bad)).toThrow(RangeError);
  });

  it('gives different sequence values different numbers, all valid', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (a, b) => {
        const x = generateAccountNumber(a);
        const y = generateAccountNumber(b);
        return isValidAccountNumber(x) && isValidAccountNumber(y) && (a === b) === (x === y);
      }),
    );
  });
});

describe('isValidAccountNumber', () => {
  it('accepts digits ending in their check digit and nothing else', () => {
    expect(isValidAccountNumber('5724')).toBe(true);
    expect(isValidAccountNumber('5723')).toBe(false);
    for (const bad of ['', '0', '57 24', '5724a', '+5724', '５７２４']) expect(isValidAccountNumber(bad)).toBe(false);
  });

  // Brute force through the public functions: every code of the first 200 000 sequence values.
  it('detects every single-digit substitution and every adjacent transposition (exhaustive, 200 000 numbers)', () => {
    let checked = 0;
    for (let n = 0; n < 200_000; n++) {
      const code = generateAccountNumber(n);
      if (!isValidAccountNumber(code)) throw new Error(`${code} should be valid`);
      for (const wrong of [...substitutions(code), ...adjacentTranspositions(code)]) {
        if (isValidAccountNumber(wrong)) throw new Error(`${wrong} (from ${code}) passes the check`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(200_000 * 63);
  });

  /*
   * The same for numbers of any length, from the table's properties, reached only through dammCheckDigit
   * (every interim state is reached by a one-digit prefix, because the table's first row is a permutation):
   *  1. from any state, two different digits lead to different states (a substitution changes the state);
   *  2. from any state, "ab" and "ba" lead to different states when a ≠ b (a transposition changes it);
   *  3. two different states stay different after any same digit (the difference survives to the end).
   */
  it('has the table properties that make the detection hold for every length', () => {
    const prefixes = DIGITS; // one prefix digit per interim state
    expect(new Set(prefixes.map(dammCheckDigit)).size).toBe(10);
    for (const p of prefixes) {
      for (const a of DIGITS) {
        for (const b of DIGITS) {
          if (a === b) continue;
          expect(dammCheckDigit(p + a)).not.toBe(dammCheckDigit(p + b));
          expect(dammCheckDigit(p + a + b)).not.toBe(dammCheckDigit(p + b + a));
        }
      }
    }
    for (const p of prefixes) {
      for (const q of prefixes) {
        if (p === q) continue;
        for (const d of DIGITS) expect(dammCheckDigit(p + d)).not.toBe(dammCheckDigit(q + d));
      }
    }
  });

  it('detects a substitution or an adjacent transposition in account numbers of any length (property)', () => {
    const code = fc.stringMatching(/^\d{1,18}$/).map((body) => body + String(dammCheckDigit(body)));
    fc.assert(
      fc.property(code, (c) => isValidAccountNumber(c) && [...substitutions(c), ...adjacentTranspositions(c)].every((w) => !isValidAccountNumber(w))),
    );
  });
});
