/**
 * A background pass (a sweep, a daily check) run every `intervalMs` and on demand, never two at once in
 * this process: asking while one runs joins it and gets its result. `stop()` ends the schedule and waits
 * for a running pass, so a service can call it before its database closes. The pass should catch and log
 * its own errors; a rejection is passed to whoever asked for that pass, and the schedule goes on.
 */
export class PeriodicPass<T> {
  private timer?: NodeJS.Timeout;
  private running?: Promise<T>;

  constructor(private readonly pass: () => Promise<T>) {}

  /** Runs every `intervalMs` from now (and at once too, with `immediately`). The timer never keeps the process alive. */
  start(intervalMs: number, opts: { immediately?: boolean } = {}): void {
    if (this.timer) return;
    if (opts.immediately) void this.run().catch(() => undefined);
    this.timer = setInterval(() => void this.run().catch(() => undefined), intervalMs);
    this.timer.unref();
  }

  /** The running pass, or a new one. */
  run(): Promise<T> {
    if (!this.running) {
      this.running = this.pass().finally(() => {
        this.running = undefined;
      });
    }
    return this.running;
  }

  /** No new scheduled pass; resolves once the running one (if any) has finished. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }
}
