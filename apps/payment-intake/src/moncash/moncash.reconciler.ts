import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { returnedRows, SERVICE_ENV } from '@limye/platform';
import { IntakeEnv } from '../config/intake.env';
import { MonCashClient, MonCashUnavailableError } from './moncash.client';
import { MONCASH, MonCashIntakeService } from './moncash-intake.service';

/**
 * The safety net for lost alerts: orders we created that have no confirmed payment yet are asked about
 * with RetrieveOrderPayment, each less often the longer it stays unpaid, for MONCASH_ORDER_WATCH_HOURS.
 */
@Injectable()
export class MonCashReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MonCashReconciler.name);
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly moncash: MonCashClient,
    private readonly intake: MonCashIntakeService,
    @Inject(SERVICE_ENV) private readonly env: IntakeEnv,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(
      () =>
        void this.sweep()
          // PostgreSQL away (restarting, say): this pass is lost, the next one asks about the same orders.
          .catch((err: Error) => this.logger.warn(`reconciliation pass failed: ${err.message}`))
          .finally(() => this.schedule()),
      this.env.MONCASH_RECONCILE_INTERVAL_MS,
    );
  }

  /** One pass; returns how many orders turned out paid. */
  async sweep(limit = 50): Promise<number> {
    const orders = returnedRows<{ order_id: string }>(await this.ds.query(
      `UPDATE checkouts SET last_checked_at = now(), check_count = check_count + 1
       WHERE order_id IN (
         SELECT order_id FROM checkouts
         WHERE payment_id IS NULL AND provider = $1 AND payment_token IS NOT NULL
           AND created_at > now() - ($2::int * interval '1 hour')
           -- each order is asked less often the longer it stays unpaid (×2 per check, at most ×64)
           AND (last_checked_at IS NULL
                OR last_checked_at < now() - ($3::int * interval '1 millisecond') * LEAST(power(2, check_count), 64))
         ORDER BY last_checked_at NULLS FIRST
         LIMIT $4
         FOR UPDATE SKIP LOCKED)
       RETURNING order_id`,
      [MONCASH, this.env.MONCASH_ORDER_WATCH_HOURS, this.env.MONCASH_RECONCILE_INTERVAL_MS, limit],
    ));
    let found = 0;
    for (const { order_id: orderId } of orders) {
      try {
        const r = await this.moncash.retrieveOrder(orderId);
        if (r.kind === 'found' && r.payment.transactionId) {
          await this.intake.ingest('reconciliation', r.payment.transactionId, orderId, { source: 'RetrieveOrderPayment', orderId });
          found++;
        }
      } catch (err) {
        if (!(err instanceof MonCashUnavailableError)) throw err;
        this.logger.warn(`reconciliation paused, MonCash unavailable: ${err.message}`);
        break;
      }
    }
    if (found) this.logger.log({ msg: 'reconciliation found paid orders without an alert', found });
    return found;
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
