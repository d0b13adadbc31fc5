import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { PeriodicPass } from '@limye/platform';
import { UssdSessionRepository } from './ussd-session.repository';

/** How often expired sessions are deleted (a hop on an expired session is refused anyway). */
const SWEEP_INTERVAL_MS = 60_000;

/** Deletes expired USSD sessions periodically, so the table holds only live ones. */
@Injectable()
export class UssdSessionSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(UssdSessionSweeper.name);
  private readonly passes = new PeriodicPass(() => this.deleteExpired());

  constructor(private readonly sessions: UssdSessionRepository) {}

  onApplicationBootstrap(): void {
    this.passes.start(SWEEP_INTERVAL_MS);
  }

  /** One pass (joining a running one); returns how many sessions were deleted. */
  sweep(): Promise<number> {
    return this.passes.run();
  }

  /** Before the database closes: no new pass, and the one running (if any) finishes. */
  beforeApplicationShutdown(): Promise<void> {
    return this.passes.stop();
  }

  private async deleteExpired(): Promise<number> {
    try {
      const deleted = await this.sessions.deleteExpired();
      if (deleted > 0) this.logger.debug?.({ msg: 'expired USSD sessions deleted', deleted });
      return deleted;
    } catch (err) {
      this.logger.warn({ msg: 'USSD session sweep failed', error: (err as Error).message });
      return 0;
    }
  }
}
