import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { WorkQueues } from '@limye/contracts';
import { JetStreamConnection, SERVICE_ENV, WorkQueue } from '@limye/platform';
import { IntakeEnv } from '../config/intake.env';
import { Payment } from './payment.entity';
import { PaymentProcessor } from './payment.processor';
import { PaymentStore } from './payment.store';

/** On shutdown, in-flight payment steps get this long to finish; the others are taken again after their lease. */
const DRAIN_MS = 5000;

/**
 * Hands due payments to the processor, up to PAYMENT_WORKER_CONCURRENCY at a time, through the platform
 * WorkQueue (leased rows, FOR UPDATE SKIP LOCKED). Progress lives only in the payment rows: a process
 * killed at any moment loses nothing, its leases expire and any replica picks the payments up again.
 * A new payment is born leased to this process and started at once (`leaseIfRoom` + `start`), or kicked
 * (`kick`), so the common case never waits for a poll.
 */
@Injectable()
export class PaymentWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly queue: WorkQueue<Payment>;

  constructor(private readonly store: PaymentStore, processor: PaymentProcessor, @Inject(SERVICE_ENV) env: IntakeEnv, nats: JetStreamConnection) {
    this.queue = new WorkQueue<Payment>({
      name: WorkQueues.payments,
      table: store.leasedTable,
      hydrate: (raw) => store.hydrate(raw),
      idOf: (p) => p.id,
      concurrency: env.PAYMENT_WORKER_CONCURRENCY,
      pollMs: env.PAYMENT_WORKER_POLL_MS,
      leaseMs: env.PAYMENT_LEASE_MS,
      drainMs: DRAIN_MS,
      nats,
      // The payment id is the correlation id of everything done for it, across services.
      correlationId: (p) => p.id,
      // Each step runs for the payment's organisation as it then is (PaymentProcessor): VERIFIED may set it.
      organisationId: (p) => p.organisationId,
      handle: (p) => processor.process(p),
    });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.queue.start();
  }

  /** Before the database and NATS close: no new payments, in-flight steps finish briefly. */
  beforeApplicationShutdown(): Promise<void> {
    return this.queue.stop();
  }

  /** Lease length for a payment the caller will insert leased and hand over with `start` — or undefined when there is no room. */
  leaseIfRoom(): number | undefined {
    return this.queue.leaseForHandover();
  }

  /** Process a payment already leased to this process (inserted leased by the store). */
  start(payment: Payment): void {
    this.queue.adopt(payment);
  }

  /** Start this payment now if there is room; otherwise another replica is told, and the poll is the safety net. */
  kick(paymentId: string): void {
    this.queue.kick(paymentId);
  }

  /** meter-adapter finished this payment's delivery: if the payment waits for it (ALLOCATED, backing off), its next step is due now. */
  async deliveryFinished(paymentId: string): Promise<void> {
    const due = await this.store.leasedTable.makeDue([paymentId], `state = 'ALLOCATED'`);
    if (due.length > 0) this.queue.kick(paymentId);
  }
}
