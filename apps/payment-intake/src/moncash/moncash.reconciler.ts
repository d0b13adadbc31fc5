import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { WorkQueues } from '@limye/contracts';
import { backoffDelayMs, JetStreamConnection, LeasedTable, NO_JITTER, SERVICE_ENV, WorkOutcome, WorkQueue } from '@limye/platform';
import { IntakeEnv } from '../config/intake.env';
import { MonCashClient, MonCashUnavailableError } from './moncash.client';
import { MONCASH, MonCashIntakeService } from './moncash-intake.service';

/** Orders asked about at once, at most. */
const CONCURRENCY = 4;
/** An order is asked about every interval at first, then twice as long after each check, at most this many intervals apart. */
const MAX_INTERVALS_APART = 64;

interface OpenOrder {
  orderId: string;
  /** Checks so far, this one included. */
  checks: number;
}

/**
 * The safety net for lost alerts: orders we created that have no confirmed payment yet are asked about
 * with RetrieveOrderPayment, each less often the longer it stays unpaid (MONCASH_RECONCILE_INTERVAL_MS,
 * doubling per check, at most 64 times that), for MONCASH_ORDER_WATCH_HOURS. The open orders are a
 * platform WorkQueue: each has its next check (next_check_at), claimed by one replica at a time.
 */
@Injectable()
export class MonCashReconciler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MonCashReconciler.name);
  private readonly table: LeasedTable;
  private readonly queue: WorkQueue<OpenOrder>;
  /** MonCash was unavailable at the last check (said once, not once per order). */
  private paused = false;

  constructor(
    @InjectDataSource() ds: DataSource,
    private readonly moncash: MonCashClient,
    private readonly intake: MonCashIntakeService,
    @Inject(SERVICE_ENV) private readonly env: IntakeEnv,
    nats: JetStreamConnection,
  ) {
    this.table = new LeasedTable(ds, {
      table: 'checkouts',
      id: { column: 'order_id', type: 'text' },
      // MONCASH is a constant and the watch an integer the env validated: safe in the statement's text.
      pending: `payment_id IS NULL AND provider = '${MONCASH}' AND payment_token IS NOT NULL
                AND created_at > now() - ${Math.trunc(env.MONCASH_ORDER_WATCH_HOURS)} * interval '1 hour'`,
      dueColumn: 'next_check_at',
      attempts: { column: 'check_count', counted: 'on-claim' },
      alsoOnClaim: ['last_checked_at = now()'],
      returning: ['order_id', 'check_count'],
    });
    this.queue = new WorkQueue<OpenOrder>({
      name: WorkQueues.moncashOrders,
      table: this.table,
      hydrate: (r) => ({ orderId: r.order_id as string, checks: r.check_count as number }),
      idOf: (o) => o.orderId,
      concurrency: CONCURRENCY,
      pollMs: env.MONCASH_RECONCILE_INTERVAL_MS,
      // A check may fetch a token, then ask: each call within MONCASH_TIMEOUT_MS.
      leaseMs: env.MONCASH_TIMEOUT_MS * 3,
      drainMs: env.MONCASH_TIMEOUT_MS,
      nats,
      handle: (o) => this.check(o),
    });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.queue.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.queue.stop();
  }

  private async check(order: OpenOrder): Promise<WorkOutcome> {
    const interval = this.env.MONCASH_RECONCILE_INTERVAL_MS;
    // Checked again later in any case: a paid order leaves the queue once its payment is verified (payment_id set).
    const next = [{ id: order.orderId, delayMs: backoffDelayMs(order.checks + 1, interval, interval * MAX_INTERVALS_APART, NO_JITTER) }];
    try {
      const r = await this.moncash.retrieveOrder(order.orderId);
      if (r.kind === 'found' && r.payment.transactionId) {
        await this.intake.ingest('reconciliation', r.payment.transactionId, order.orderId, { source: 'RetrieveOrderPayment', orderId: order.orderId });
        this.logger.log({ msg: 'reconciliation found a paid order without an alert', orderId: order.orderId });
      }
    } catch (err) {
      if (!(err instanceof MonCashUnavailableError)) throw err;
      // Asking about the other orders now would only fail the same way: pause for an interval.
      if (!this.paused) this.logger.warn(`reconciliation paused, MonCash unavailable: ${err.message}`);
      this.paused = true;
      this.queue.pauseFor(interval);
      await this.table.retryLater(next);
      return 'retried';
    }
    this.paused = false;
    await this.table.retryLater(next);
    return 'completed';
  }
}
