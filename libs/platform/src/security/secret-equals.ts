import { createHash, timingSafeEqual } from 'crypto';

/** Constant-time comparison of a presented credential with the expected one (hashing first evens the lengths). */
export function secretEquals(presented: string | undefined, expected: string): boolean {
  if (typeof presented !== 'string') return false;
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
