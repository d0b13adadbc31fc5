import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { newCorrelationId, runWithCorrelationId, SERVICE_ENV } from '@limye/platform';
import { MeterAdapterEnv } from '../config/meter-adapter.env';
import { DeliveryAttemptService } from './delivery-attempt.service';
import { DeliveryRepository } from './delivery.repository';

/** Deliveries leased per pass; their attempts run side by side, each within the vendor budget. */
const BATCH_SIZE = 20;

/**
 * Drives deliveries that are due (new ones whose request did not finish, retries, ThunderCloud polls,
 * operator retries) to the end. Each pass leases a batch in one short statement, then calls the vendors
 * outside any transaction. A process killed at any point loses nothing: its leases run out and the
 * deliveries are taken again, asked about first, and re-sent only with the same external id.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeliveryWorker.name);
  private timer?: NodeJS.Timeout;
  private pass?: Promise<void>;
  private stopped = false;

  constructor(
    @Inject(SERVICE_ENV) private readonly env: MeterAdapterEnv,
    private readonly deliveries: DeliveryRepository,
    private readonly attempts: DeliveryAttemptService,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  /** Before the database closes (onApplicationShutdown): stop taking work, let the running pass record. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.pass;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.pass = this.runPass().then((claimed) => {
        this.pass = undefined;
        // A full batch suggests a backlog: go again at once.
        this.schedule(claimed === BATCH_SIZE ? 0 : this.env.DELIVERY_POLL_MS);
      });
    }, delayMs);
  }

  private async runPass(): Promise<number> {
    try {
      const due = await this.deliveries.claimDue(BATCH_SIZE, this.attempts.leaseMs);
      await Promise.all(
        due.map((d) =>
          runWithCorrelationId(newCorrelationId(), () => this.attempts.run(d)).catch((err: Error) =>
            this.logger.error({ msg: 'delivery attempt not recorded; its lease will run out', deliveryId: d.id, error: err.message }),
          ),
        ),
      );
      return due.length;
    } catch (err) {
      this.logger.warn({ msg: 'delivery pass failed', error: (err as Error).message });
      return 0;
    }
  }
}
