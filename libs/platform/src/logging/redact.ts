/** Helpers that keep personal data and secrets out of logs. */

/** "+50937007294" → "+509*****294"; keeps enough to correlate, not enough to call. */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  const p = String(phone);
  if (p.length <= 6) return '*'.repeat(p.length);
  return p.slice(0, 4) + '*'.repeat(p.length - 7) + p.slice(-3);
}

/** Masks all but the last four characters of an identifier (national ID, account number). */
export function maskId(value: string | null | undefined): string {
  if (!value) return '';
  const v = String(value);
  if (v.length <= 4) return '*'.repeat(v.length);
  return '*'.repeat(v.length - 4) + v.slice(-4);
}

/** Field names whose values are never logged. */
export const REDACTED_KEYS = [
  'password', 'secret', 'token', 'access_token', 'authorization', 'apiKey', 'api_key', 'pin',
  'clientSecret', 'client_secret', 'x-api-secret', 'x-api-key', 'authentication-token',
];
