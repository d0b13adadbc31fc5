/**
 * The Damm check digit, for numbers people type on a keypad (account numbers, sale references). Damm's
 * table is a weakly totally anti-symmetric quasigroup, so the check catches every single wrong digit and
 * every swap of two adjacent different digits, anywhere in the number, check digit included.
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

const DIGITS = /^\d+$/;

/** The Damm interim digit of `digits`; appended to them, it makes the whole number check to 0. */
export function dammCheckDigit(digits: string): number {
  if (!DIGITS.test(digits)) throw new RangeError('dammCheckDigit takes a non-empty string of digits');
  let interim = 0;
  for (let i = 0; i < digits.length; i++) interim = DAMM_TABLE[interim][digits.charCodeAt(i) - 48];
  return interim;
}

/** True for a string of at least two digits whose last is the Damm check digit of the others. */
export function hasValidDammCheckDigit(value: string): boolean {
  return value.length >= 2 && DIGITS.test(value) && dammCheckDigit(value) === 0;
}
