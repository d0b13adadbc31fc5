/**
 * Exponential back-off with full jitter: attempt 1 waits up to base, attempt n up to base·2^(n-1),
 * never more than max. `random` is injectable for tests.
 */
export function backoffDelayMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  // Half fixed, half random: spreads retries without ever retrying instantly.
  return Math.round(exp / 2 + random() * (exp / 2));
}
