/**
 * Sale references: 7 random digits and a Damm check digit (8 digits). Agents type the reference back on a
 * keypad at installation; Damm catches every single wrong digit and every swap of two adjacent digits,
 * so a typo is refused instead of confirming a neighbour's sale. Random (not sequential) so a reference
 * cannot be guessed from another.
 */
const DAMM_TABLE: readonly (readonly number[])[] = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

export const SALE_REFERENCE_LENGTH = 8;

/** The Damm check digit of a string of digits. */
export function dammCheckDigit(digits: string): number {
  if (!/^\d+$/.test(digits)) throw new RangeError('dammCheckDigit takes a non-empty string of digits');
  let interim = 0;
  for (let i = 0; i < digits.length; i++) interim = DAMM_TABLE[interim][digits.charCodeAt(i) - 48];
  return interim;
}

/** 8 digits whose last is the Damm check digit of the first 7. */
export function isValidSaleReference(value: string): boolean {
  return value.length === SALE_REFERENCE_LENGTH && /^\d+$/.test(value) && dammCheckDigit(value) === 0;
}

/**
 * A new reference from a random integer source (`randomInt(min, max)`: min inclusive, max exclusive).
 * The body never starts with 0, so spreadsheets and keypads cannot drop a leading zero.
 */
export function generateSaleReference(randomInt: (min: number, max: number) => number): string {
  const body = String(randomInt(1_000_000, 10_000_000));
  return body + String(dammCheckDigit(body));
}
