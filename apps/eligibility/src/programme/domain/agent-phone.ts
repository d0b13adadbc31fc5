import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

export type AgentPhone = { ok: true; e164: string } | { ok: false; reason: string };

const DECORATION = /[\s\-.()\u2010-\u2015]/g;

/**
 * An agent's phone as operators type it: E.164 (`+250788123456`, `00250…`) or Rwandan local
 * (`0788 123 456`). Checked against the numbering plan (full metadata), not only counted.
 */
export function normalizeAgentPhone(input: string): AgentPhone {
  const typed = input.normalize('NFKC').trim().replace(DECORATION, '').replace(/^00/, '+');
  if (!/^\+?\d+$/.test(typed)) return { ok: false, reason: 'phone holds digits, an optional leading + and spaces or dashes only' };
  const parsed = typed.startsWith('+') ? parsePhoneNumberFromString(typed) : parsePhoneNumberFromString(typed, 'RW');
  if (!parsed?.isValid()) {
    return { ok: false, reason: typed.startsWith('+') ? 'phone is not a valid international number' : 'phone is not a valid Rwandan number (07XXXXXXXX) nor E.164' };
  }
  return { ok: true, e164: parsed.number };
}
