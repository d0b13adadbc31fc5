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

/** "Marie-Claire Joseph" → "M. J."; keeps enough to tell people apart in an audit row, not enough to name them. */
export function maskName(name: string | null | undefined): string {
  if (!name) return '';
  const words = String(name).trim().split(/\s+/).filter(Boolean);
  return words.map((w) => `${[...w][0].toUpperCase()}.`).join(' ');
}

/** "marie@example.org" → "m***@example.org": the domain stays (which organisation), the person does not. */
export function maskEmail(email: string | null | undefined): string {
  if (!email) return '';
  const e = String(email);
  const at = e.lastIndexOf('@');
  if (at <= 0) return '*'.repeat(e.length);
  return `${[...e][0]}***${e.slice(at)}`;
}
