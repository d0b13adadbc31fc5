/**
 * One pending run of `fn` at a time: asking for a run sooner than the pending one moves it earlier,
 * asking for a later one changes nothing. The WorkQueue uses it so that many "wake up" calls in a burst
 * become one claim.
 */
export class CoalescingTimer {
  private timer?: NodeJS.Timeout;
  private dueAt = 0;
  private stopped = false;

  constructor(private readonly fn: () => void) {}

  schedule(delayMs: number): void {
    if (this.stopped) return;
    const due = Date.now() + delayMs;
    if (this.timer && this.dueAt <= due) return;
    if (this.timer) clearTimeout(this.timer);
    this.dueAt = due;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.fn();
    }, delayMs);
  }

  get pending(): boolean {
    return this.timer !== undefined;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
