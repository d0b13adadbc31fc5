import { dammCheckDigit, hasValidDammCheckDigit } from '@limye/contracts';

/*
 * Generated account numbers: a sequence number and a Damm check digit (libs/contracts). Payers type these
 * numbers into a USSD menu; a typo must be rejected, never credited to a neighbour.
 */

/** Digits of the sequence part; the sequence starts at 100000 so numbers never begin with 0 (see migration). */
export const ACCOUNT_SEQUENCE_DIGITS = 6;

/** True for a string of digits whose last digit is the Damm check digit of the others. */
export function isValidAccountNumber(value: string): boolean {
  return hasValidDammCheckDigit(value);
}

/** The account number for a sequence value: zero-padded to six digits, then the check digit (7 digits). */
export function generateAccountNumber(sequenceValue: number): string {
  if (!Number.isSafeInteger(sequenceValue) || sequenceValue < 0) {
    throw new RangeError(`sequence value ${sequenceValue} is not a non-negative safe integer`);
  }
  const body = String(sequenceValue).padStart(ACCOUNT_SEQUENCE_DIGITS, '0');
  return body + String(dammCheckDigit(body));
}
