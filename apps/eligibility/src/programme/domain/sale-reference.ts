import { dammCheckDigit, hasValidDammCheckDigit } from '@limye/contracts';

/**
 * Sale references: 7 random digits and a Damm check digit (8 digits). Agents type the reference back on a
 * keypad at installation; Damm catches every single wrong digit and every swap of two adjacent digits,
 * so a typo is refused instead of confirming a neighbour's sale. Random (not sequential) so a reference
 * cannot be guessed from another.
 */
export const SALE_REFERENCE_LENGTH = 8;

/** 8 digits whose last is the Damm check digit of the first 7. */
export function isValidSaleReference(value: string): boolean {
  return value.length === SALE_REFERENCE_LENGTH && hasValidDammCheckDigit(value);
}

/**
 * A new reference from a random integer source (`randomInt(min, max)`: min inclusive, max exclusive).
 * The body never starts with 0, so spreadsheets and keypads cannot drop a leading zero.
 */
export function generateSaleReference(randomInt: (min: number, max: number) => number): string {
  const body = String(randomInt(1_000_000, 10_000_000));
  return body + String(dammCheckDigit(body));
}
