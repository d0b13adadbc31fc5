/**
 * The GSM 03.38 default alphabet (TS 23.038 §6.2.1). A USSD screen is 160 octets: 182 septets when every
 * character is GSM-7, about 80 characters as soon as one is not (the whole screen falls back to UCS-2).
 * See docs/reference/gsm7.md.
 */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** The extension table: each costs an escape septet plus its own. */
const EXTENSION = '\f^{}\\[~]|€';

const BASIC_SET = new Set(Array.from(BASIC));
const EXTENSION_SET = new Set(Array.from(EXTENSION));

/** The most septets one USSD screen carries (160 octets × 8 / 7). */
export const USSD_MAX_SEPTETS = 182;

/** True when every character of `text` is in the GSM-7 default alphabet or its extension table. */
export function isGsm7(text: string): boolean {
  for (const ch of text) if (!BASIC_SET.has(ch) && !EXTENSION_SET.has(ch)) return false;
  return true;
}

/** Septets `text` takes in GSM-7 (extension characters count 2); Infinity if it is not GSM-7 at all. */
export function septetLength(text: string): number {
  let n = 0;
  for (const ch of text) {
    if (BASIC_SET.has(ch)) n += 1;
    else if (EXTENSION_SET.has(ch)) n += 2;
    else return Number.POSITIVE_INFINITY;
  }
  return n;
}

/** The characters of `text` that are not GSM-7 (for error messages). */
export function nonGsm7Characters(text: string): string[] {
  return [...new Set(Array.from(text).filter((ch) => !BASIC_SET.has(ch) && !EXTENSION_SET.has(ch)))];
}

const LOOKALIKES: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201B': "'", '\u02BC': "'", '\u00B4': "'", '\u0060': "'",
  '\u201C': '"', '\u201D': '"', '\u201E': '"', '\u00AB': '"', '\u00BB': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-',
  '\u2026': '...',
};

/**
 * Turns text from outside (location names, product and company names) into GSM-7: any kind of space
 * (NBSP included) becomes a plain space, runs of spaces collapse, typographic quotes and dashes become
 * their ASCII forms, letters outside GSM-7 lose their diacritics (ê → e, ç → c; é stays, it is GSM-7),
 * and anything still outside GSM-7 (emoji, other scripts) is dropped.
 */
export function toGsm7(text: string): string {
  let out = '';
  for (const ch of text.replace(/[\s\u00A0\u2000-\u200B\u202F\u205F\u3000\uFEFF]+/g, ' ')) {
    if (BASIC_SET.has(ch) || EXTENSION_SET.has(ch)) {
      out += ch;
      continue;
    }
    if (LOOKALIKES[ch] !== undefined) {
      out += LOOKALIKES[ch];
      continue;
    }
    const stripped = ch.normalize('NFD').replace(/\p{M}+/gu, '');
    for (const c of stripped) if (BASIC_SET.has(c) || EXTENSION_SET.has(c)) out += c;
  }
  return out.replace(/ {2,}/g, ' ').trim();
}

/**
 * `text` (already GSM-7) cut to at most `maxSeptets` septets, a final '.' marking the cut, so a name from
 * outside can never push a screen over its budget.
 */
export function capSeptets(text: string, maxSeptets: number): string {
  if (septetLength(text) <= maxSeptets) return text;
  let out = '';
  let used = 0;
  for (const ch of text) {
    const cost = EXTENSION_SET.has(ch) ? 2 : 1;
    if (used + cost > maxSeptets - 1) break;
    out += ch;
    used += cost;
  }
  // A word cut short can read as another ("50W" → "5."): drop a short partial last word instead.
  const rest = text.slice(out.length);
  const lastSpace = out.lastIndexOf(' ');
  if (rest !== '' && !/^\s/.test(rest) && lastSpace > 0 && out.length - lastSpace <= 7) out = out.slice(0, lastSpace);
  return `${out.trimEnd()}.`;
}
