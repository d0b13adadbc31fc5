import { CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';

const DEFAULT_COUNTRY: CountryCode = 'RW';

/**
 * A subscriber number as gateways send it (AT: "+250788123456"; Arkesel, Nalo, Hubtel: "250788123456";
 * XML gateways sometimes "788123456" or "0788123456") in E.164, or null when it is not a phone number.
 * A number valid for Rwanda's plan wins; one only "possible" (a range too new for the metadata, a roaming
 * subscriber) is still accepted rather than locking its owner out of the service.
 */
export function msisdnToE164(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const typed = raw.trim().replace(/[\s\-.()]/g, '').replace(/^00/, '+');
  if (!/^\+?\d{6,15}$/.test(typed)) return null;
  // Every hop of a session (and its end notification) brings the same number: libphonenumber's parse and
  // validation, ~4 % of the service's CPU per hop in the USSD benchmark's profile, is done once per number.
  const known = parsed.get(typed);
  if (known !== undefined) return known;
  const e164 = parseMsisdn(typed);
  if (parsed.size >= MAX_PARSED) parsed.clear(); // bounded: random numbers only cost the cache, never memory
  parsed.set(typed, e164);
  return e164;
}

const parsed = new Map<string, string | null>();
const MAX_PARSED = 20_000;

function parseMsisdn(typed: string): string | null {
  const candidates = typed.startsWith('+') ? [parsePhoneNumberFromString(typed)] : [parsePhoneNumberFromString(typed, DEFAULT_COUNTRY), parsePhoneNumberFromString(`+${typed}`)];
  const valid = candidates.find((p) => p?.isValid());
  if (valid) return valid.number;
  const possible = candidates.find((p) => p?.isPossible());
  return possible ? possible.number : null;
}
