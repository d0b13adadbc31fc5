import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  AllocatePaymentReply, DeliveryReply, ErrorCodes, PaymentCompletedEvent, RecordDeliveryReply, ResolvePayerReply, Subjects,
} from '@limye/contracts';
import {
  backoffDelayMs, counter, histogram, KeyedConcurrencyLimit, NatsRpcClient, OutboxPublisher, RpcCallError, runWithOrganisationId, SERVICE_ENV, WorkOutcome,
} from '@limye/platform';
import { IntakeEnv } from '../config/intake.env';
import { MonCashClient, MonCashUnavailableError } from '../moncash/moncash.client';
import { isActive, PaymentState } from './domain/payment-state';
import { Payment } from './payment.entity';
import { PaymentStore, TransitionEffects } from './payment.store';

type StepOutcome =
  | { kind: 'moved'; payment: Payment }
  // `payment`: the payment as it now is when the step wrote before waiting (else the one it was given).
  | { kind: 'wait'; reason: string; delayMs?: number; patch?: Partial<Payment>; payment?: Payment }
  | { kind: 'lost' };

/**
 * A verification not written yet: MonCash's answer, to be written with the match that follows it, in one
 * statement (both are reads, redone after a crash). `from` is the payment as stored (RECEIVED).
 */
interface PendingVerification {
  from: Payment;
  patch: Partial<Payment>;
  detail: string;
  effects: TransitionEffects;
}

const transitions = counter('limye_payment_transitions_total', 'Payment state transitions', ['provider', 'state']);
const waits = counter('limye_payment_step_waits_total', 'Payment steps that could not finish now and were scheduled again', ['state']);
const verifyTurns = counter('limye_moncash_verify_turns_waited_total', 'Verifications that found every MonCash slot taken: waited (then ran) or went back to the queue', ['outcome']);
const endToEnd = histogram('limye_payment_delivery_seconds', 'From payment received to credit delivered', ['provider'], [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300]);

/**
 * Drives one leased payment as far as it can go now: verify with the provider, match the payer,
 * allocate in the ledger, deliver to the device. Every step is idempotent on the payment id, so a
 * step repeated after a crash or a timeout changes nothing. A step that cannot finish now (a service
 * or vendor away, a delivery still pending) leaves the payment where it is, to be retried with back-off.
 */
@Injectable()
export class PaymentProcessor {
  private readonly logger = new Logger(PaymentProcessor.name);
  /** MONCASH_VERIFY_CONCURRENCY verifications at once per organisation (see verificationAccount). */
  private readonly verifySlots: KeyedConcurrencyLimit;

  constructor(
    private readonly store: PaymentStore,
    private readonly moncash: MonCashClient,
    private readonly rpc: NatsRpcClient,
    private readonly outbox: OutboxPublisher,
    @Inject(SERVICE_ENV) private readonly env: IntakeEnv,
  ) {
    this.verifySlots = new KeyedConcurrencyLimit(env.MONCASH_VERIFY_CONCURRENCY);
  }

  /** Works a payment leased to this process; says how that ended (for the work queue's metrics). */
  async process(payment: Payment): Promise<WorkOutcome> {
    let current = payment;
    try {
      for (let step = 0; step < 8; step++) {
        // Under the payment's organisation as it is now (VERIFIED sets it from the confirmed order): the
        // requests below carry it as their header, and their payloads name it, for the services to re-check.
        const payment = current;
        const outcome = await runWithOrganisationId(payment.organisationId, () => this.step(payment));
        if (outcome.kind === 'lost') return 'completed'; // someone else moved it on
        if (outcome.kind === 'wait') {
          if (outcome.payment) current = outcome.payment;
          const delay = outcome.delayMs ?? backoffDelayMs(current.attempts + 1, this.env.PAYMENT_RETRY_BASE_MS, this.env.PAYMENT_RETRY_MAX_MS);
          await this.store.retryLater(current, delay, outcome.reason, outcome.patch);
          waits.inc({ state: current.state });
          if (current.attempts + 1 >= 5) {
            this.logger.warn({ msg: 'payment waiting', paymentId: current.id, state: current.state, attempts: current.attempts + 1, reason: outcome.reason, retryInMs: delay });
          }
          return 'retried';
        }
        current = outcome.payment;
        transitions.inc({ provider: current.provider, state: current.state });
        if (!isActive(current.state)) return 'completed'; // an end state: its transition gave up the lease
      }
      await this.store.releaseLease(current.id);
      return 'completed';
    } catch (err) {
      // A bug or the database away: keep the payment, retry later, and say so loudly.
      this.logger.error({ msg: 'payment step failed unexpectedly', paymentId: current.id, state: current.state, error: (err as Error).message, stack: (err as Error).stack });
      await this.store
        .retryLater(current, backoffDelayMs(current.attempts + 1, this.env.PAYMENT_RETRY_BASE_MS, this.env.PAYMENT_RETRY_MAX_MS), `internal: ${(err as Error).message}`)
        .catch(() => undefined);
      return 'failed';
    }
  }

  private step(p: Payment): Promise<StepOutcome> {
    switch (p.state) {
      case 'RECEIVED':
        return this.verify(p);
      case 'VERIFIED':
        return this.match(p);
      case 'MATCHED':
        return this.allocate(p);
      case 'ALLOCATED':
        return this.deliver(p);
      default:
        return Promise.resolve({ kind: 'lost' });
    }
  }

  /** Only a payment MonCash itself reports as "successful" counts; the callback's word is not enough. */
  private async verify(p: Payment): Promise<StepOutcome> {
    // Bounded per organisation: a flood of alerts (forged or not) waits its turn instead of becoming a flood of
    // queries; a payment that waited too long goes back to the queue (not dropped), due again in about a second.
    const release = await this.acquireVerifySlot(p);
    if (!release) {
      return { kind: 'wait', reason: 'waiting for a MonCash verification slot (MONCASH_VERIFY_CONCURRENCY)', delayMs: 500 + Math.floor(Math.random() * 1000) };
    }
    let result;
    try {
      result = await this.moncash.retrieveTransaction(p.providerRef);
    } catch (err) {
      if (err instanceof MonCashUnavailableError) return { kind: 'wait', reason: `MonCash unavailable: ${err.message}` };
      throw err;
    } finally {
      release();
    }
    if (result.kind === 'not_found') {
      // MONCASH_VERIFY_ATTEMPTS "not found" answers reject it (1 by default: one query per forged id). Only MonCash's
      // own answers count, not the times it could not be asked (those wait and ask again).
      if (p.notFoundCount + 1 >= this.env.MONCASH_VERIFY_ATTEMPTS) {
        return this.moveTo(p, 'REJECTED', { reason: 'MonCash does not know this transaction', notFoundCount: p.notFoundCount + 1 }, 'MonCash does not know this transaction');
      }
      return { kind: 'wait', reason: 'MonCash does not know this transaction (yet)', patch: { notFoundCount: p.notFoundCount + 1 } };
    }
    if (result.kind === 'invalid') return this.moveTo(p, 'REJECTED', { reason: result.reason }, result.reason);
    const paid = result.payment;
    if (paid.message.toLowerCase() !== 'successful') {
      const reason = `MonCash reports the payment as "${paid.message}"`;
      return this.moveTo(p, 'REJECTED', { reason }, reason);
    }
    if (paid.transactionId && paid.transactionId !== p.providerRef) {
      const reason = `MonCash answered for transaction ${paid.transactionId}, not ${p.providerRef}`;
      return this.moveTo(p, 'REJECTED', { reason }, reason);
    }
    const orderId = paid.reference || null;
    return this.matchVerified({
      from: p,
      patch: { amountMinor: paid.amountMinor, currency: paid.currency, payerPhone: paid.payer || null, orderId, reason: null },
      detail: `MonCash confirms ${paid.amountMinor} HTG minor units${orderId ? ` for order ${orderId}` : ''}`,
      effects: orderId ? { checkoutOrderId: orderId } : {},
    });
  }

  /**
   * Matches a payment MonCash has just confirmed and writes both steps in one statement (RECEIVED → MATCHED
   * or UNMATCHED, a history row for each): a crash before that write leaves the payment RECEIVED, and both
   * reads are asked again. When matching has to wait (the registry away), the verification is written first,
   * as a step of its own, and the payment waits in VERIFIED.
   */
  private async matchVerified(v: PendingVerification): Promise<StepOutcome> {
    // The order's account and organisation, as the VERIFIED write takes them (from the checkout, in the same
    // statement): the match asks the registry for the customer of the organisation whose order was paid.
    const checkout = v.effects.checkoutOrderId ? await this.store.checkoutOf(v.from.provider, v.effects.checkoutOrderId) : undefined;
    const verified = Object.assign(new Payment(), v.from, v.patch, {
      accountNumber: checkout === undefined ? v.from.accountNumber : (checkout?.accountNumber ?? null),
      organisationId: checkout?.organisationId ?? v.from.organisationId,
      state: 'VERIFIED' as PaymentState,
    });
    const outcome = await runWithOrganisationId(verified.organisationId, () => this.match(verified, v));
    if (outcome.kind !== 'wait') return outcome;
    const moved = await this.store.transition(v.from, 'VERIFIED', v.patch, v.detail, v.effects);
    if (!moved) return { kind: 'lost' };
    transitions.inc({ provider: moved.provider, state: moved.state });
    return { ...outcome, payment: moved };
  }

  /**
   * Whose verifications share MONCASH_VERIFY_CONCURRENCY: the payment's organisation's, so a flood of alerts for
   * one organisation waits behind itself and never starves another's. (The MonCash account is still env's, one per
   * deployment, until organisations have their own MonCash settings.)
   */
  private verificationAccount(p: Payment): string {
    return `moncash:${this.env.MONCASH_CLIENT_ID}:${p.organisationId}`;
  }

  private async acquireVerifySlot(p: Payment) {
    const account = this.verificationAccount(p);
    const busy = this.verifySlots.inUse(account) >= this.env.MONCASH_VERIFY_CONCURRENCY;
    const release = await this.verifySlots.acquire(account, this.env.MONCASH_VERIFY_WAIT_MS);
    if (busy) verifyTurns.inc({ outcome: release ? 'waited' : 'requeued' });
    return release;
  }

  /** By the order's account number, else by the payer's phone. Ambiguity is never resolved by a guess. */
  private async match(p: Payment, pending?: PendingVerification): Promise<StepOutcome> {
    const request: Record<string, string> = { organisationId: p.organisationId, country: this.env.MONCASH_COUNTRY };
    if (p.accountNumber) request.accountNumber = p.accountNumber;
    if (p.payerPhone) request.phone = p.payerPhone;
    if (!p.accountNumber && !p.payerPhone) {
      return this.moveTo(p, 'UNMATCHED', { reason: 'the payment carries neither an account number nor a phone' }, 'nothing to match on', undefined, pending);
    }
    let reply: ResolvePayerReply;
    try {
      reply = await this.rpc.request<ResolvePayerReply>(Subjects.registryPayerResolve, request);
    } catch (err) {
      return this.rpcFailure(p, err, 'UNMATCHED', pending);
    }
    if (reply.outcome === 'matched' && reply.customer && reply.device) {
      return this.moveTo(
        p,
        'MATCHED',
        { customerId: reply.customer.id, device: reply.device, reason: null },
        `matched by ${reply.matchedBy ?? 'registry'} to device ${reply.device.serial}`,
        undefined,
        pending,
      );
    }
    const reason = `${reply.outcome === 'ambiguous' ? 'ambiguous' : 'no match'}: ${reply.reason ?? 'no customer found'}`;
    return this.moveTo(p, 'UNMATCHED', { reason }, reason, undefined, pending);
  }

  private async allocate(p: Payment): Promise<StepOutcome> {
    let reply: AllocatePaymentReply;
    try {
      reply = await this.rpc.request<AllocatePaymentReply>(Subjects.ledgerPaymentAllocate, {
        organisationId: p.organisationId,
        paymentId: p.id,
        customerId: p.customerId,
        deviceId: p.device?.id,
        provider: p.provider,
        amountMinor: p.amountMinor,
        currency: p.currency,
      });
    } catch (err) {
      return this.rpcFailure(p, err, 'FAILED');
    }
    return this.moveTo(
      p,
      'ALLOCATED',
      { energyCreditMinor: reply.energyCreditMinor, reason: null },
      `ledger entry ${reply.entryId}: ${reply.energyCreditMinor} energy credit, ${reply.debtClearedMinor} to debts`,
    );
  }

  private async deliver(p: Payment): Promise<StepOutcome> {
    const amount = p.energyCreditMinor ?? 0;
    if (amount <= 0) {
      return this.complete(p, { deliveryId: null, vendorRef: null }, 'nothing left to deliver after debts');
    }
    let reply: DeliveryReply;
    try {
      reply = await this.rpc.request<DeliveryReply>(Subjects.meterDeliveryRequest, {
        organisationId: p.organisationId,
        paymentId: p.id,
        customerId: p.customerId,
        device: p.device,
        amountMinor: amount,
        currency: p.currency,
        memo: `${p.provider} ${p.providerRef}`,
      }, this.env.METER_REQUEST_TIMEOUT_MS);
    } catch (err) {
      return this.rpcFailure(p, err, 'FAILED');
    }
    if (reply.status === 'FAILED') {
      const reason = `delivery failed: ${reply.reason ?? 'vendor refused'}`;
      return this.moveTo(p, 'FAILED', { reason, deliveryId: reply.deliveryId }, reason);
    }
    if (reply.status !== 'DELIVERED') {
      // The meter-adapter keeps retrying on its own; we only look again, soon at first.
      const delayMs = backoffDelayMs(p.attempts + 1, Math.min(500, this.env.PAYMENT_RETRY_BASE_MS), this.env.PAYMENT_RETRY_MAX_MS);
      return { kind: 'wait', reason: `delivery ${reply.status.toLowerCase()}${reply.reason ? `: ${reply.reason}` : ''}`, delayMs, patch: { deliveryId: reply.deliveryId } };
    }
    try {
      await this.rpc.request<RecordDeliveryReply>(Subjects.ledgerDeliveryRecord, {
        organisationId: p.organisationId,
        paymentId: p.id,
        customerId: p.customerId,
        amountMinor: amount,
        currency: p.currency,
        vendorRef: reply.vendorRef ?? undefined,
      });
    } catch (err) {
      return this.rpcFailure(p, err, 'FAILED');
    }
    return this.complete(p, { deliveryId: reply.deliveryId, vendorRef: reply.vendorRef }, `delivered by ${reply.driver}${reply.vendorRef ? ` (${reply.vendorRef})` : ''}`);
  }

  /** DELIVERED and its event in one transaction: the event can neither be lost nor sent for an undone fact. */
  private async complete(p: Payment, ref: { deliveryId: string | null; vendorRef: string | null }, detail: string): Promise<StepOutcome> {
    const completedAt = new Date();
    const event: PaymentCompletedEvent = {
      eventId: p.id,
      organisationId: p.organisationId,
      paymentId: p.id,
      provider: p.provider,
      providerRef: p.providerRef,
      customerId: p.customerId as string,
      deviceId: p.device?.id as string,
      amountMinor: p.amountMinor as number,
      currency: p.currency as string,
      deliveryId: ref.deliveryId,
      vendorRef: ref.vendorRef,
      completedAt: completedAt.toISOString(),
    };
    const moved = await this.store.transition(p, 'DELIVERED', { ...ref, completedAt, reason: null }, detail, {
      outbox: { id: p.id, subject: Subjects.paymentsCompleted, payload: event as unknown as Record<string, unknown> },
    });
    if (!moved) return { kind: 'lost' };
    endToEnd.observe({ provider: p.provider }, (completedAt.getTime() - new Date(p.createdAt).getTime()) / 1000);
    this.outbox.wake();
    return { kind: 'moved', payment: moved };
  }

  /** With `pending`, the verification is written in the same statement (p is then the payment as verified, in memory). */
  private async moveTo(p: Payment, to: PaymentState, patch: Partial<Payment>, detail: string, effects?: TransitionEffects, pending?: PendingVerification): Promise<StepOutcome> {
    const moved = pending
      ? await this.store.transition(pending.from, to, { ...pending.patch, ...patch }, detail, {
          ...pending.effects,
          ...effects,
          passedThrough: [{ state: 'VERIFIED', detail: pending.detail }],
        })
      : await this.store.transition(p, to, patch, detail, effects);
    if (moved && pending) transitions.inc({ provider: moved.provider, state: 'VERIFIED' });
    return moved ? { kind: 'moved', payment: moved } : { kind: 'lost' };
  }

  /**
   * A timeout or an absent service says nothing about the outcome: wait and ask again (every step is
   * idempotent). A definite refusal (validation, conflict) ends the payment in `definiteState` with the reason.
   */
  private async rpcFailure(p: Payment, err: unknown, definiteState: PaymentState, pending?: PendingVerification): Promise<StepOutcome> {
    if (err instanceof RpcCallError) {
      if (err.isTransient) return { kind: 'wait', reason: `${err.subject}: ${err.code}` };
      const reason = `${err.code}: ${err.message}`;
      if (err.code === ErrorCodes.validationFailed || definiteState !== 'UNMATCHED') {
        return this.moveTo(p, definiteState, { reason }, reason, undefined, pending);
      }
    }
    throw err;
  }
}
