import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CoalescingTimer, runWithCorrelationId, SERVICE_ENV } from '@limye/platform';
import { IntakeEnv } from '../config/intake.env';
import { Payment } from './payment.entity';
import { PaymentProcessor } from './payment.processor';
import { PaymentStore } from './payment.store';

/**
 * Picks due payments from Postgres (leased, FOR UPDATE SKIP LOCKED) and hands them to the processor,
 * up to PAYMENT_WORKER_CONCURRENCY at a time. Progress lives only in the payment rows: a process killed
 * at any moment loses nothing, its leases expire and any replica picks the payments up again.
 * A new payment is also started at once (`kick`), so the common case does not wait for the next poll.
 */
@Injectable()
export class PaymentWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PaymentWorker.name);
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly timer = new CoalescingTimer(() => void this.poll());
  private polling = false;
  private stopped = false;
  /** The last poll filled every free slot: there is probably more waiting, so a freed slot polls at once. */
  private backlog = false;

  constructor(
    private readonly store: PaymentStore,
    private readonly processor: PaymentProcessor,
    @Inject(SERVICE_ENV) private readonly env: IntakeEnv,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  /** Lease length for a payment the caller will hand over with `start` — or undefined when there is no room. */
  leaseIfRoom(): number | undefined {
    return !this.stopped && this.inFlight.size < this.env.PAYMENT_WORKER_CONCURRENCY ? this.env.PAYMENT_LEASE_MS : undefined;
  }

  /** Process a payment already leased to this process (inserted leased by the store). */
  start(payment: Payment): void {
    if (this.stopped || this.inFlight.has(payment.id)) return;
    this.run(payment.id, () => this.processor.process(payment));
  }

  /** Start this payment now if there is room; otherwise the poll loop gets to it. */
  kick(paymentId: string): void {
    if (this.stopped || this.inFlight.has(paymentId) || this.inFlight.size >= this.env.PAYMENT_WORKER_CONCURRENCY) return;
    void this.store
      .claimDue(1, this.env.PAYMENT_LEASE_MS, paymentId)
      .then((claimed) => claimed.forEach((p) => this.run(p.id, () => this.processor.process(p))))
      .catch((err) => this.logger.warn(`kick failed: ${(err as Error).message}`));
  }

  private schedule(delayMs: number): void {
    this.timer.schedule(delayMs);
  }

  private async poll(): Promise<void> {
    if (this.polling || this.stopped) return;
    this.polling = true;
    let claimedFull = false;
    try {
      const room = this.env.PAYMENT_WORKER_CONCURRENCY - this.inFlight.size;
      if (room > 0) {
        const due = await this.store.claimDue(room, this.env.PAYMENT_LEASE_MS);
        for (const p of due) this.run(p.id, () => this.processor.process(p));
        claimedFull = due.length === room;
      }
      this.backlog = claimedFull || room <= 0;
    } catch (err) {
      this.logger.warn(`poll failed: ${(err as Error).message}`);
    } finally {
      this.polling = false;
      this.schedule(claimedFull ? 10 : this.env.PAYMENT_WORKER_POLL_MS);
    }
  }

  private run(paymentId: string, job: () => Promise<void>): void {
    // The payment id is the correlation id of everything done for it, across services.
    const task = runWithCorrelationId(paymentId, job).finally(() => {
      this.inFlight.delete(paymentId);
      // Gather a few milliseconds of freed slots into one claim.
      if (this.backlog && !this.polling) this.schedule(5);
    });
    this.inFlight.set(paymentId, task);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.timer.stop();
    // Let in-flight steps finish briefly; whatever does not is picked up again after its lease.
    await Promise.race([Promise.allSettled([...this.inFlight.values()]), new Promise((r) => setTimeout(r, 5000))]);
  }
}
