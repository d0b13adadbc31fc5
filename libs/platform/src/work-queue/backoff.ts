/**
 * Delay before the next try after `attempt` tries (1 = the first): exponential from `baseMs`, capped at
 * `maxMs`, with "equal jitter" — half the step fixed, half random — so rows failing together do not retry
 * together and no delay collapses to zero. `random` is injectable: `() => 1` gives the plain step.
 */
export function backoffDelayMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const step = Math.min(maxMs, baseMs * 2 ** exponent);
  return Math.round(step / 2 + random() * (step / 2));
}

/** The plain step of backoffDelayMs, without jitter (for schedules people read, like "every interval, doubling"). */
export const NO_JITTER = (): number => 1;
