/** The first wait before restarting something that went down, the longest, and how long up counts as recovered. */
export const RESTART_BACKOFF = { firstMs: 1000, maxMs: 30_000, resetAfterUpMs: 60_000 } as const;

/**
 * How long `npm start` waits before starting a crashed process again: 1 s, doubling while it keeps
 * failing (2, 4, 8, 16, then 30 s at most), back to 1 s once it has run for a minute. One per process.
 */
export class RestartBackoff {
  private inARow = 0;

  constructor(private readonly policy: { firstMs: number; maxMs: number; resetAfterUpMs: number } = RESTART_BACKOFF) {}

  /**
   * The wait before the next attempt. `upForMs`: how long it ran before it went down; omitted when a
   * restart attempt itself failed (it never came up).
   */
  next(upForMs?: number): number {
    if (upForMs !== undefined && upForMs >= this.policy.resetAfterUpMs) this.inARow = 0;
    const delay = Math.min(this.policy.maxMs, this.policy.firstMs * 2 ** this.inARow);
    this.inARow = Math.min(this.inARow + 1, 30); // 2^30 s is far past maxMs; keeps the number finite
    return delay;
  }
}
