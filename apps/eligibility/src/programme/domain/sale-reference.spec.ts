import fc from 'fast-check';
import { dammCheckDigit } from '@limye/contracts';
import { generateSaleReference, isValidSaleReference } from './sale-reference';

describe('Damm check digit', () => {
  it('matches the published example (572 → 4)', () => {
    expect(dammCheckDigit('572')).toBe(4);
    expect(dammCheckDigit('5724')).toBe(0);
  });

  it('refuses anything but digits', () => {
    expect(() => dammCheckDigit('')).toThrow(RangeError);
    expect(() => dammCheckDigit('12a')).toThrow(RangeError);
  });
});

describe('sale references', () => {
  it('are 8 digits, never starting with 0, and valid', () => {
    expect(generateSaleReference(() => 1_000_000)).toBe(`1000000${dammCheckDigit('1000000')}`);
    fc.assert(
      fc.property(fc.integer({ min: 1_000_000, max: 9_999_999 }), (n) => {
        const ref = generateSaleReference(() => n);
        return ref.length === 8 && ref[0] !== '0' && isValidSaleReference(ref) && ref.startsWith(String(n));
      }),
    );
  });

  it('asks the random source for 7 digits with no leading zero', () => {
    const calls: Array<[number, number]> = [];
    generateSaleReference((min, max) => {
      calls.push([min, max]);
      return min;
    });
    expect(calls).toEqual([[1_000_000, 10_000_000]]);
  });

  it('catch every single wrong digit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_000_000, max: 9_999_999 }), fc.integer({ min: 0, max: 7 }), fc.integer({ min: 1, max: 9 }), (n, pos, delta) => {
        const ref = generateSaleReference(() => n);
        const digit = (Number(ref[pos]) + delta) % 10;
        const typo = ref.slice(0, pos) + digit + ref.slice(pos + 1);
        return !isValidSaleReference(typo);
      }),
    );
  });

  it('catch every swap of two adjacent different digits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_000_000, max: 9_999_999 }), fc.integer({ min: 0, max: 6 }), (n, pos) => {
        const ref = generateSaleReference(() => n);
        if (ref[pos] === ref[pos + 1]) return true;
        const swapped = ref.slice(0, pos) + ref[pos + 1] + ref[pos] + ref.slice(pos + 2);
        return !isValidSaleReference(swapped);
      }),
    );
  });

  it.each([['1234567'], ['123456789'], ['1234567a'], [''], ['        ']])('%p is not a reference', (value) => {
    expect(isValidSaleReference(value)).toBe(false);
  });
});
