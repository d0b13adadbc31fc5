export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit fails fast before one trial call is let through. */
  openMs: number;
}

export type CircuitState = 'closed' | 'open' | 'half_open';

/**
 * A simple circuit breaker for one outside system. After `failureThreshold` failures in a row it opens:
 * calls fail at once (agents get the polite "try later" screen in milliseconds instead of waiting for
 * timeouts) for `openMs`. Then one trial call goes through; its success closes the circuit, its failure
 * opens it again. Time comes from `now` so the rule is testable without waiting.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;
  private trialInFlight = false;

  constructor(
    private readonly opts: CircuitBreakerOptions,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): CircuitState {
    if (this.openedAt === null) return 'closed';
    return this.now() - this.openedAt >= this.opts.openMs ? 'half_open' : 'open';
  }

  /** May a call go out now? In half-open state only one trial at a time. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open') return false;
    if (this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  /** A call that ended without telling anything about the system (abandoned by its caller). */
  release(): void {
    this.trialInFlight = false;
  }

  recordSuccess(): void {
    this.failures = 0;
    this.openedAt = null;
    this.trialInFlight = false;
  }

  recordFailure(): void {
    this.trialInFlight = false;
    if (this.openedAt !== null) {
      // A failed trial (or a late failure while open): stay open for another period.
      this.openedAt = this.now();
      return;
    }
    this.failures += 1;
    if (this.failures >= this.opts.failureThreshold) this.openedAt = this.now();
  }
}
