/**
 * Delay before attempt `attempt + 1`: exponential from `baseMs`, capped at `maxMs`, with "equal jitter"
 * (half the step fixed, half random) so that deliveries failing together do not retry together, and no
 * delay collapses to zero.
 */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const step = Math.min(maxMs, baseMs * 2 ** exponent);
  return Math.round(step / 2 + random() * (step / 2));
}
