/**
 * Generated account numbers: a sequence number and a Damm check digit. Damm's table is a weakly totally
 * anti-symmetric quasigroup, so the check catches every single wrong digit and every swap of two
 * adjacent different digits, anywhere in the number, check digit included. Payers type these numbers
 * into a USSD menu; a typo must be rejected, never credited to a neighbour.
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

/** Digits of the sequence part; the sequence starts at 100000 so numbers never begin with 0 (see migration). */
export const ACCOUNT_SEQUENCE_DIGITS = 6;

const DIGITS = /^\d+$/;

/** The Damm interim digit of `digits`; appended to them, it makes the whole number check to 0. */
export function dammCheckDigit(digits: string): number {
  if (!DIGITS.test(digits)) throw new RangeError('dammCheckDigit takes a non-empty string of digits');
  let interim = 0;
  for (let i = 0; i < digits.length; i++) interim = DAMM_TABLE[interim][digits.charCodeAt(i) - 48];
  return interim;
}

/** True for a string of digits whose last digit is the Damm check digit of the others. */
export function isValidAccountNumber(value: string): boolean {
  return value.length >= 2 && DIGITS.test(value) && dammCheckDigit(value) === 0;
}

/** The account number for a sequence value: zero-padded to six digits, then the check digit (7 digits). */
export function generateAccountNumber(sequenceValue: number): string {
  if (!Number.isSafeInteger(sequenceValue) || sequenceValue < 0) {
    throw new RangeError(`sequence value ${sequenceValue} is not a non-negative safe integer`);
  }
  const body = String(sequenceValue).padStart(ACCOUNT_SEQUENCE_DIGITS, '0');
  return body + String(dammCheckDigit(body));
}
