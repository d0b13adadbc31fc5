import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CoalescingTimer, newCorrelationId, runWithCorrelationId, SERVICE_ENV } from '@limye/platform';
import { EligibilityEnv } from '../../config/eligibility.env';
import { OMIS_CLIENT, OmisCancellation, OmisClient, OmisConfirmation, OmisSaleRecord } from '../../national-systems/omis.client';
import { classifyWriteAnswer, outboxRetryDelayMs, WriteAnswer } from '../domain/omis-outbox-rules';
import { omisOutboxSends, readOmisBacklogFrom, salesRejected } from '../programme.metrics';
import { ClaimedWrite, OmisOutboxRepository } from './omis-outbox.repository';

const BATCH_SIZE = 20;
/** Days the payload of a write OMIS has is kept, and how often older ones are cleared. */
const SENT_PAYLOAD_DAYS = 30;
const PAYLOAD_CLEANUP_EVERY_MS = 6 * 3600_000;

/**
 * Sends queued OMIS writes: registrations (PUT sale), confirmations and cancellations, in order per sale.
 * A network error, timeout or 5xx is tried again later (the poll interval doubling, at most 5 minutes)
 * with the same reference, so OMIS records it once however often it is sent. A refused registration (409,
 * other 4xx) rejects the sale and gives its incentive back (OMIS is the authority); a refused confirmation
 * or cancellation stops the write and flags the sale for an operator. Several replicas share the work
 * (SKIP LOCKED).
 */
@Injectable()
export class OmisOutboxWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OmisOutboxWorker.name);
  private readonly timer = new CoalescingTimer(() => this.runPass());
  private running?: Promise<void>;
  private again = false;
  private payloadsClearedAt = 0;

  constructor(
    @Inject(SERVICE_ENV) private readonly env: EligibilityEnv,
    @Inject(OMIS_CLIENT) private readonly omis: OmisClient,
    private readonly outbox: OmisOutboxRepository,
  ) {}

  private readonly backlog = () => this.outbox.backlog();

  onApplicationBootstrap(): void {
    readOmisBacklogFrom(this.backlog);
    this.timer.schedule(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    readOmisBacklogFrom(null, this.backlog);
    this.timer.stop();
    await this.running;
  }

  /** Something was queued: send it now rather than at the next poll. */
  nudge(): void {
    if (this.running) this.again = true;
    else this.timer.schedule(0);
  }

  /** One pass (also for tests): claims due writes and sends them. Returns how many were claimed. */
  async sendDue(): Promise<number> {
    // Longer than any one send, so a live worker's lease never runs out under it.
    const leaseMs = Math.max(60_000, this.env.NATIONAL_SYSTEMS_TIMEOUT_MS * 4);
    const due = await this.outbox.claimDue(BATCH_SIZE, leaseMs);
    await Promise.all(
      due.map((w) =>
        runWithCorrelationId(newCorrelationId(), () => this.send(w)).catch((err: Error) =>
          this.logger.error({ msg: 'OMIS write not recorded; its lease will run out and it is sent again', saleReference: w.saleReference, kind: w.kind, error: err.message }),
        ),
      ),
    );
    return due.length;
  }

  private runPass(): void {
    this.running = this.sendDue()
      .then(async (claimed) => {
        if (Date.now() - this.payloadsClearedAt >= PAYLOAD_CLEANUP_EVERY_MS) {
          this.payloadsClearedAt = Date.now();
          await this.outbox.clearSentPayloads(SENT_PAYLOAD_DAYS);
        }
        return claimed;
      })
      .catch((err: Error) => {
        this.logger.warn({ msg: 'OMIS outbox pass failed', error: err.message });
        return 0;
      })
      .then((claimed) => {
        this.running = undefined;
        const more = claimed === BATCH_SIZE || this.again;
        this.again = false;
        this.timer.schedule(more ? 0 : this.env.OMIS_OUTBOX_POLL_MS);
      });
  }

  private async send(w: ClaimedWrite): Promise<void> {
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
