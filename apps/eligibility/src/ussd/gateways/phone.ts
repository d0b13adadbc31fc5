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
  const candidates = typed.startsWith('+') ? [parsePhoneNumberFromString(typed)] : [parsePhoneNumberFromString(typed, DEFAULT_COUNTRY), parsePhoneNumberFromString(`+${typed}`)];
  const valid = candidates.find((p) => p?.isValid());
  if (valid) return valid.number;
  const possible = candidates.find((p) => p?.isPossible());
  return possible ? possible.number : null;
}
