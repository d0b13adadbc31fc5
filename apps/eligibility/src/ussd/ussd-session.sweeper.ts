import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { UssdSessionRepository } from './ussd-session.repository';

/** How often expired sessions are deleted (a hop on an expired session is refused anyway). */
const SWEEP_INTERVAL_MS = 60_000;

/** Deletes expired USSD sessions periodically, so the table holds only live ones. */
@Injectable()
export class UssdSessionSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(UssdSessionSweeper.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(private readonly sessions: UssdSessionRepository) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  /** One pass; returns how many sessions were deleted (0 if a pass is already running). */
  sweep(): Promise<number> {
    if (this.running) return Promise.resolve(0);
    this.running = this.sessions
      .deleteExpired()
      .then((deleted) => {
        if (deleted > 0) this.logger.debug?.({ msg: 'expired USSD sessions deleted', deleted });
        return deleted;
      })
      .catch((err: Error) => {
        this.logger.warn({ msg: 'USSD session sweep failed', error: err.message });
        return 0;
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  /** Before the database closes: no new pass, and the one running (if any) finishes. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
