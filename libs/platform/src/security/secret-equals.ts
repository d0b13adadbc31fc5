import { createHash, timingSafeEqual } from 'crypto';

/** Constant-time comparison of a presented credential with the expected one (hashing first evens the lengths). */
export function secretEquals(presented: string | undefined, expected: string): boolean {
  if (typeof presented !== 'string') return false;
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * secretEquals against one expected secret, hashed once: for a credential checked on every request
 * (a simulator's API key), where hashing the expected value each time doubled the cost of the check.
 */
export function secretMatcher(expected: string): (presented: string | undefined) => boolean {
  const b = createHash('sha256').update(expected).digest();
  return (presented) => typeof presented === 'string' && timingSafeEqual(createHash('sha256').update(presented).digest(), b);
}
