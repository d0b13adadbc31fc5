import { CountryCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/max';

export type PhoneNormalization = { ok: true; e164: string } | { ok: false; reason: string };

/** What people type around the digits: spaces, dashes, dots, brackets. Letters (ext., tel:) are refused. */
const DECORATION = /[\s\-.()\u2010-\u2015]/g;
const TYPED = /^\+?\d+$/;

/**
 * Turns a phone as people and providers write it into E.164, with the full (max) metadata so the digits
 * are checked against the country's numbering plan, not only counted.
 *
 * Accepted: international ("+509 3700 7294", "00509 3700 7294"), local in the default country
 * ("3700 7294" in HT, "0712 345 678" in KE) and international without the plus, the form mobile-money
 * providers send ("50937007294", "254712345678"), whatever the default country. The local reading wins
 * when both are valid, because the default country is where the customer lives.
 */
export function normalizePhone(input: string, defaultCountry?: string): PhoneNormalization {
  const typed = input.normalize('NFKC').trim().replace(DECORATION, '').replace(/^00/, '+');
  if (!TYPED.test(typed)) return { ok: false, reason: 'a phone number holds digits, an optional leading + and spaces or dashes only' };
  if (typed.startsWith('+')) {
    const e164 = toE164(typed);
    return e164 ? { ok: true, e164 } : { ok: false, reason: 'not a valid international phone number' };
  }
  const country = defaultCountry?.toUpperCase();
  const e164 = (country && isSupportedCountry(country) ? toE164(typed, country) : undefined) ?? toE164(`+${typed}`);
  if (e164) return { ok: true, e164 };
  return { ok: false, reason: `not a valid phone number${country ? ` for ${country} or with a country code` : '; give it with its country code'}` };
}

function toE164(text: string, country?: CountryCode): string | undefined {
  const parsed = parsePhoneNumberFromString(text, country);
  return parsed?.isValid() ? parsed.number : undefined;
}
