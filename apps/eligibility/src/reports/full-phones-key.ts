import { secretEquals } from '@limye/platform';

/**
 * Full phone numbers in the request-log CSV (`?phones=full`) need more than a role that reads the log: the
 * caller also presents ELIGIBILITY_PII_API_KEY as `X-API-Key`, a key the programme gives only the staff it
 * allows to see them. Unset (the default): nobody gets full phone numbers over the API. Compared in constant time.
 */
export function presentsPiiKey(presented: string | string[] | undefined, piiKey: string): boolean {
  if (piiKey === '') return false;
  return secretEquals(Array.isArray(presented) ? presented[0] : presented, piiKey);
}
