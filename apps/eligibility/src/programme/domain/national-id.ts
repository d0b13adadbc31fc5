/**
 * Rwanda's 16-digit national ID (NIN): status(1) + birth year(4) + sex(1: 8 male, 7 female) + serial(7)
 * + issue count(1) + 2 security digits. The security digits' algorithm is secret, so only format and
 * plausibility can be checked offline; the rest is up to MEIS. See docs/reference/rwanda-national-id.md.
 */
export type NationalIdProblem = 'empty' | 'not_digits' | 'wrong_length' | 'implausible';

export type NationalIdCheck = { ok: true; nationalId: string } | { ok: false; problem: NationalIdProblem };

/** The card is issued from age 16; nobody alive was born more than 120 years ago. */
const MIN_AGE = 16;
const MAX_AGE = 120;

export function checkNationalId(raw: string | null | undefined, now: Date = new Date()): NationalIdCheck {
  // Agents may type spaces as the card prints them; nothing else is forgiven.
  const value = (raw ?? '').replace(/\s+/g, '');
  if (value === '') return { ok: false, problem: 'empty' };
  if (!/^\d+$/.test(value)) return { ok: false, problem: 'not_digits' };
  if (value.length !== 16) return { ok: false, problem: 'wrong_length' };
  const status = value[0];
  const birthYear = Number(value.slice(1, 5));
  const sex = value[5];
  const year = now.getUTCFullYear();
  const plausible =
    (status === '1' || status === '2' || status === '3') &&
    (sex === '7' || sex === '8') &&
    birthYear <= year - MIN_AGE &&
    birthYear >= year - MAX_AGE;
  return plausible ? { ok: true, nationalId: value } : { ok: false, problem: 'implausible' };
}
