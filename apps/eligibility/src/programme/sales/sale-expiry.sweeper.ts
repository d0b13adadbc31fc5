import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PeriodicPass, preparedQuery } from '@limye/platform';
import { OmisOutboxWorker } from '../omis-outbox/omis-outbox.worker';
import { salesExpired } from '../programme.metrics';

/** How often reservations past their date are looked for. A reservation lasts days: a minute late is fine. */
export const EXPIRY_SWEEP_MS = 60_000;
/** Sales expired per pass at most (the rest go in the next pass). */
const MAX_PER_PASS = 500;

/**
 * Expires sales not confirmed within RBF_RESERVATION_DAYS: the sale becomes `expired`, its reservation
 * goes back to its organisation's tier budget and an OMIS cancellation is queued, in one statement per sale. Replicas
 * may sweep together: FOR UPDATE SKIP LOCKED gives each sale to one of them, and a confirmation racing
 * the sweep is decided by the row lock (the loser sees the other's status).
 */
@Injectable()
export class SaleExpirySweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SaleExpirySweeper.name);
  private readonly passes = new PeriodicPass(() =>
    this.sweepAll().catch((err: Error) => {
      this.logger.warn({ msg: 'expiry sweep failed', error: err.message });
      return 0;
    }),
  );

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly worker: OmisOutboxWorker,
  ) {}

  onApplicationBootstrap(): void {
    this.passes.start(EXPIRY_SWEEP_MS, { immediately: true });
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.passes.stop();
  }

  /** One pass (also for tests; joins a running one); returns how many sales it expired. */
  sweep(): Promise<number> {
    return this.passes.run();
  }

  private async sweepAll(): Promise<number> {
    let expired = 0;
    while (expired < MAX_PER_PASS) {
      const [row] = await preparedQuery<{ reference: string; incentive_rwf: string }>(
        this.ds,
        `WITH s AS (
           SELECT id FROM sales
            WHERE status = 'pending_installation' AND reserved_until <= now()
            ORDER BY reserved_until LIMIT 1
            FOR UPDATE SKIP LOCKED),
         u AS (
           UPDATE sales SET status = 'expired', expired_at = now(),
                  omis_status = CASE WHEN sales.omis_status = 'rejected' THEN 'rejected' ELSE 'pending' END
             FROM s WHERE sales.id = s.id AND sales.status = 'pending_installation'
           RETURNING sales.reference, sales.tier, sales.incentive_rwf, sales.organisation_id),
         b AS (
           UPDATE budgets SET reserved_rwf = budgets.reserved_rwf - u.incentive_rwf, updated_at = now()
             FROM u WHERE budgets.organisation_id = u.organisation_id AND budgets.tier = u.tier),
         o AS (
           INSERT INTO omis_outbox (organisation_id, sale_reference, kind, payload)
           SELECT u.organisation_id, u.reference, 'cancel', '{"reason":"reservation_expired"}'::jsonb FROM u)
         SELECT reference, incentive_rwf FROM u`,
        [],
      );
      if (!row) break;
      expired += 1;
      salesExpired.inc();
      this.logger.log({ msg: 'sale reservation expired; budget released, OMIS cancellation queued', reference: row.reference, incentiveRwf: Number(row.incentive_rwf) });
    }
    if (expired > 0) this.worker.nudge();
    return expired;
  }
}
