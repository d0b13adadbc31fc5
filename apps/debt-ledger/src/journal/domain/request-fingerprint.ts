import { createHash } from 'crypto';

/**
 * SHA-256 (hex) of the request fields that decide an entry's postings, keys sorted, so a replay can be
 * told from a different request sent under the same idempotency key.
 */
export function requestFingerprint(fields: Readonly<Record<string, string | number>>): string {
  const canonical = JSON.stringify(Object.keys(fields).sort().map((key) => [key, fields[key]]));
  return createHash('sha256').update(canonical).digest('hex');
}
