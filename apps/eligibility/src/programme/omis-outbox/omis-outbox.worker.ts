import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { WorkQueues } from '@limye/contracts';
import { JetStreamConnection, PeriodicPass, SERVICE_ENV, WorkOutcome, WorkQueue } from '@limye/platform';
import { EligibilityEnv } from '../../config/eligibility.env';
import { OMIS_CLIENT, OmisCancellation, OmisClient, OmisConfirmation, OmisSaleRecord } from '../../national-systems/omis.client';
import { classifyWriteAnswer, outboxRetryDelayMs, WriteAnswer } from '../domain/omis-outbox-rules';
import { omisOutboxBacklog, omisOutboxSends, salesRejected } from '../programme.metrics';
import { ClaimedWrite, OmisOutboxRepository, toClaimedWrite } from './omis-outbox.repository';

/** Writes sent side by side at most; also the most one claim takes. */
const CONCURRENCY = 20;
/** Days the payload of a write OMIS has is kept, and how often older ones are cleared. */
const SENT_PAYLOAD_DAYS = 30;
const PAYLOAD_CLEANUP_EVERY_MS = 6 * 3600_000;

/**
 * Sends queued OMIS writes: registrations (PUT sale), confirmations and cancellations, in order per sale,
 * through the platform WorkQueue. A network error, timeout or 5xx is tried again later (the poll interval
 * doubling, at most 5 minutes) with the same reference, so OMIS records it once however often it is sent.
 * A refused registration (409, other 4xx) rejects the sale and gives its incentive back (OMIS is the
 * authority); a refused confirmation or cancellation stops the write and flags the sale for an operator.
 * Several replicas share the work (SKIP LOCKED); a write queued on one wakes them (`nudge`).
 */
@Injectable()
export class OmisOutboxWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OmisOutboxWorker.name);
  private readonly queue: WorkQueue<ClaimedWrite>;
  private readonly payloadCleanup = new PeriodicPass(() =>
    this.outbox.clearSentPayloads(SENT_PAYLOAD_DAYS).catch((err: Error) => this.logger.warn({ msg: 'clearing sent OMIS payloads failed', error: err.message })),
  );

  constructor(
    @Inject(SERVICE_ENV) private readonly env: EligibilityEnv,
    @Inject(OMIS_CLIENT) private readonly omis: OmisClient,
    private readonly outbox: OmisOutboxRepository,
    nats: JetStreamConnection,
  ) {
    // Longer than any one send, so a live worker's lease never runs out under it.
    const leaseMs = Math.max(60_000, env.NATIONAL_SYSTEMS_TIMEOUT_MS * 4);
    this.queue = new WorkQueue<ClaimedWrite>({
      name: WorkQueues.omisOutbox,
      table: outbox.leasedTable,
      hydrate: toClaimedWrite,
      idOf: (w) => w.id,
      concurrency: CONCURRENCY,
      pollMs: env.OMIS_OUTBOX_POLL_MS,
      leaseMs,
      drainMs: env.NATIONAL_SYSTEMS_TIMEOUT_MS * 4,
      nats,
      handle: (w) => this.send(w),
    });
  }

  private readonly backlog = () => this.outbox.backlog();

  onApplicationBootstrap(): Promise<void> {
    omisOutboxBacklog.readFrom(this.backlog);
    this.payloadCleanup.start(PAYLOAD_CLEANUP_EVERY_MS, { immediately: true });
    return this.queue.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    omisOutboxBacklog.release(this.backlog);
    await Promise.all([this.queue.stop(), this.payloadCleanup.stop()]);
  }

  /** Something was queued (call it after the commit): send it now rather than at the next poll. */
  nudge(): void {
    this.queue.wake();
  }

  private async send(w: ClaimedWrite): Promise<WorkOutcome> {
    const answer = await this.call(w);
    const verdict = classifyWriteAnswer(answer);
    omisOutboxSends.inc({ kind: w.kind, verdict: verdict.kind });
    if (verdict.kind === 'sent') {
      await this.outbox.markSent(w);
      this.logger.log({ msg: 'OMIS write sent', saleReference: w.saleReference, kind: w.kind, attempts: w.attempts });
    } else if (verdict.kind === 'retry') {
      const delay = outboxRetryDelayMs(w.attempts, this.env.OMIS_OUTBOX_POLL_MS);
      await this.outbox.scheduleRetry(w, delay, verdict.reason);
      this.logger.warn({ msg: 'OMIS write will be retried', saleReference: w.saleReference, kind: w.kind, attempts: w.attempts, retryInMs: delay, reason: verdict.reason });
      return 'retried';
    } else if (w.kind === 'register') {
      // OMIS does not have the sale, so Limye must not either: rejected, incentive back in the budget.
      const refusal = await this.outbox.markRegistrationRefused(w, verdict.reason);
      if (refusal) {
        salesRejected.inc({ previous_status: refusal.previousStatus });
        this.logger.warn({
          msg: 'OMIS refused a sale\'s registration: the sale is rejected and its incentive released',
          saleReference: w.saleReference,
          nationalId: refusal.nationalIdMasked,
          previousStatus: refusal.previousStatus,
          tier: refusal.tier,
          incentiveRwf: refusal.incentiveRwf,
          released: refusal.released,
          writesStopped: refusal.writesStopped,
          reason: verdict.reason,
        });
      }
    } else {
      await this.outbox.markRejected(w, verdict.reason);
      this.logger.warn({
        msg: 'OMIS refused a write: an operator must look at this sale (it will not be retried)',
        saleReference: w.saleReference,
        kind: w.kind,
        reason: verdict.reason,
      });
    }
    return 'completed';
  }

  private call(w: ClaimedWrite): Promise<WriteAnswer> {
    switch (w.kind) {
      case 'register':
        return this.omis.recordSale(w.saleReference, w.payload as unknown as OmisSaleRecord);
      case 'confirm':
        return this.omis.confirmSale(w.saleReference, w.payload as unknown as OmisConfirmation);
      case 'cancel':
        return this.omis.cancelSale(w.saleReference, w.payload as unknown as OmisCancellation);
    }
  }
}
