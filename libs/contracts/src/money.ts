/**
 * Money is integer minor units plus an ISO 4217 currency. No floating point ever touches an amount:
 * decimal strings are parsed digit by digit, and numbers coming from JSON are turned into their
 * shortest decimal string first (which is exact for any amount a human typed).
 */
export const CURRENCY_MINOR_DIGITS: Readonly<Record<string, number>> = Object.freeze({
  HTG: 2,
  KES: 2,
  RWF: 0,
  UGX: 0,
  TZS: 2,
  ZMW: 2,
  MWK: 2,
  NGN: 2,
  GHS: 2,
  XOF: 0,
  ZAR: 2,
  USD: 2,
  EUR: 2,
});

export interface Money {
  amountMinor: number;
  currency: string;
}

export class MoneyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MoneyError';
  }
}

export function isKnownCurrency(currency: string): boolean {
  return Object.prototype.hasOwnProperty.call(CURRENCY_MINOR_DIGITS, currency);
}

export function minorDigits(currency: string): number {
  if (!isKnownCurrency(currency)) throw new MoneyError(`unknown currency "${currency}"`);
  return CURRENCY_MINOR_DIGITS[currency];
}

const DECIMAL = /^(\d{1,15})(?:\.(\d+))?$/;

/**
 * Parses a major-unit decimal ("500", "12.50", 12.5) into minor units for the currency.
 * Rejects zero, negatives, exponent notation and more decimals than the currency has.
 */
export function parseMajorAmount(value: unknown, currency: string): number {
  const digits = minorDigits(currency);
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new MoneyError('amount must be a finite number');
    text = String(value);
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    throw new MoneyError('amount must be a decimal number or string');
  }
  const m = DECIMAL.exec(text);
  if (!m) throw new MoneyError(`amount "${text}" is not a positive decimal number`);
  const fraction = m[2] ?? '';
  if (fraction.length > digits) {
    throw new MoneyError(`amount "${text}" has more than ${digits} decimal places for ${currency}`);
  }
  const minor = Number(m[1] + fraction.padEnd(digits, '0'));
  if (!Number.isSafeInteger(minor)) throw new MoneyError(`amount "${text}" is too large`);
  if (minor <= 0) throw new MoneyError('amount must be greater than zero');
  return minor;
}

/** Formats minor units as a major-unit decimal string: 50050 HTG → "500.50", 1500 RWF → "1500". */
export function formatMinor(amountMinor: number, currency: string): string {
  if (!Number.isSafeInteger(amountMinor)) throw new MoneyError('amountMinor must be a safe integer');
  const digits = minorDigits(currency);
  const negative = amountMinor < 0;
  const abs = String(Math.abs(amountMinor)).padStart(digits + 1, '0');
  const whole = digits === 0 ? abs : abs.slice(0, abs.length - digits);
  const frac = digits === 0 ? '' : '.' + abs.slice(abs.length - digits);
  return (negative ? '-' : '') + whole + frac;
}

/** Postgres bigint columns arrive as strings; this turns them back into safe integers or fails loudly. */
export function toSafeInteger(value: string | number | bigint): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) throw new MoneyError(`value ${String(value)} is not a safe integer`);
  return n;
}
