import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { WorkQueues } from '@limye/contracts';
import { JetStreamConnection, SERVICE_ENV, WorkOutcome, WorkQueue } from '@limye/platform';
import { MeterAdapterEnv } from '../config/meter-adapter.env';
import { DeliveryAttemptService } from './delivery-attempt.service';
import { Delivery } from './delivery.entity';
import { DeliveryRepository, toDelivery } from './delivery.repository';

/** Attempts run side by side at most, each within the vendor budget; also the most one claim takes. */
const CONCURRENCY = 20;

/**
 * Drives deliveries that are due (new ones whose request did not finish, retries, ThunderCloud polls,
 * operator retries) to the end, through the platform WorkQueue: due deliveries are leased in batches by
 * one short statement, then the vendors are called outside any transaction. A process killed at any point
 * loses nothing: its leases run out and the deliveries are taken again, asked about first, and re-sent
 * only with the same external id.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly queue: WorkQueue<Delivery>;

  constructor(
    @Inject(SERVICE_ENV) env: MeterAdapterEnv,
    deliveries: DeliveryRepository,
    private readonly attempts: DeliveryAttemptService,
    nats: JetStreamConnection,
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
    return stored.status === 'DELIVERED' || stored.status === 'FAILED' ? 'completed' : 'retried';
  }
}
