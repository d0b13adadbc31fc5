import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JSONCodec } from 'nats';
import { DeliveryFinishedNotice, Subjects, WorkQueues } from '@limye/contracts';
import { JetStreamConnection, SERVICE_ENV, WorkOutcome, WorkQueue } from '@limye/platform';
import { MeterAdapterEnv } from '../config/meter-adapter.env';
import { DeliveryAttemptService } from './delivery-attempt.service';
import { Delivery } from './delivery.entity';
import { DeliveryRepository, toDelivery } from './delivery.repository';

/** Attempts run side by side at most, each within the vendor budget; also the most one claim takes. */
const CONCURRENCY = 20;
const codec = JSONCodec<DeliveryFinishedNotice>();

/**
 * Drives deliveries that are due (new ones whose request did not finish, retries, ThunderCloud polls,
 * operator retries) to the end, through the platform WorkQueue: due deliveries are leased in batches by
 * one short statement, then the vendors are called outside any transaction. A process killed at any point
 * loses nothing: its leases run out and the deliveries are taken again, asked about first, and re-sent
 * only with the same external id.
 *
 * A delivery it finishes (DELIVERED or FAILED) was answered PENDING or UNKNOWN to its payment earlier, so
 * payment-intake is told at once (meter.v1.delivery.finished) instead of finding out at its next back-off.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeliveryWorker.name);
  private readonly queue: WorkQueue<Delivery>;

  constructor(
    @Inject(SERVICE_ENV) env: MeterAdapterEnv,
    deliveries: DeliveryRepository,
    private readonly attempts: DeliveryAttemptService,
    private readonly nats: JetStreamConnection,
  ) {
    this.queue = new WorkQueue<Delivery>({
      name: WorkQueues.deliveries,
      table: deliveries.leasedTable,
      hydrate: toDelivery,
      idOf: (d) => d.id,
      concurrency: CONCURRENCY,
      pollMs: env.DELIVERY_POLL_MS,
      leaseMs: attempts.leaseMs,
      // An attempt ends within the vendor budget; then it records its outcome.
      drainMs: env.VENDOR_TIMEOUT_MS + 1000,
      nats,
      handle: (d) => this.attempt(d),
    });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.queue.start();
  }

  /** Before the database closes (onApplicationShutdown): stop taking work, let running attempts record. */
  beforeApplicationShutdown(): Promise<void> {
    return this.queue.stop();
  }

  /** A delivery was made due (an operator's retry): attempt it now, here or on another replica. */
  wake(): void {
    this.queue.wake();
  }

  private async attempt(d: Delivery): Promise<WorkOutcome> {
    const stored = await this.attempts.run(d);
    if (stored.status !== 'DELIVERED' && stored.status !== 'FAILED') return 'retried';
    this.announceFinished({ deliveryId: stored.id, paymentId: stored.paymentId, status: stored.status });
    return 'completed';
  }

  /** After the outcome is stored; a notice lost costs only time (the payment asks again after its back-off). */
  private announceFinished(notice: DeliveryFinishedNotice): void {
    const nc = this.nats.connection;
    try {
      if (nc && !nc.isClosed()) nc.publish(Subjects.meterDeliveryFinished, codec.encode(notice));
    } catch (err) {
      this.logger.warn({ msg: 'delivery finished, but the notice to payment-intake was not sent', deliveryId: notice.deliveryId, error: (err as Error).message });
    }
  }
}
