export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit fails fast before one trial call is let through. */
  openMs: number;
}

export type CircuitState = 'closed' | 'open' | 'half_open';

/**
 * A simple circuit breaker for one outside system (one origin of it). After `failureThreshold` failures in a
 * row it opens: calls fail at once (an agent gets the polite "try later" screen in milliseconds, a worker
 * moves on) instead of waiting for timeouts, for `openMs`. Then one trial call goes through; its success
 * closes the circuit, its failure opens it again. Time comes from `now` so the rule is testable without waiting.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;
  private trialInFlight = false;

  constructor(
    readonly opts: CircuitBreakerOptions,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): CircuitState {
    if (this.openedAt === null) return 'closed';
    return this.now() - this.openedAt >= this.opts.openMs ? 'half_open' : 'open';
  }

  /** May a call go out now? In half-open state only one trial at a time. */
  tryAcquire(): boolean {
    if (this.openedAt === null) return true; // closed: the hot path, no clock read
    if (this.state === 'open') return false;
    if (this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  /** A call that ended without telling anything about the system (abandoned by its caller). */
  release(): void {
    this.trialInFlight = false;
  }

  /** Returns true when this success closed an open circuit. */
  recordSuccess(): boolean {
    const wasOpen = this.openedAt !== null;
    this.failures = 0;
    this.openedAt = null;
    this.trialInFlight = false;
    return wasOpen;
  }

  /** Returns true when this failure opened a closed circuit. */
  recordFailure(): boolean {
    this.trialInFlight = false;
    if (this.openedAt !== null) {
      // A failed trial (or a late failure while open): stay open for another period.
      this.openedAt = this.now();
      return false;
    }
    this.failures += 1;
    if (this.failures < this.opts.failureThreshold) return false;
    this.openedAt = this.now();
    return true;
  }
}
