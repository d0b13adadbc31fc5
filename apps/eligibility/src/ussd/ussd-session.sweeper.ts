import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { UssdSessionRepository } from './ussd-session.repository';

/** How often expired sessions are deleted (a hop on an expired session is refused anyway). */
export const SWEEP_INTERVAL_MS = 60_000;

/** Deletes expired USSD sessions periodically, so the table holds only live ones. */
@Injectable()
export class UssdSessionSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(UssdSessionSweeper.name);
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(private readonly sessions: UssdSessionRepository) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  /** One pass; returns how many sessions were deleted. */
  async sweep(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      const deleted = await this.sessions.deleteExpired();
      if (deleted > 0) this.logger.debug?.({ msg: 'expired USSD sessions deleted', deleted });
      return deleted;
    } catch (err) {
      this.logger.warn({ msg: 'USSD session sweep failed', error: (err as Error).message });
      return 0;
    } finally {
      this.running = false;
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
