import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes, randomUUID } from 'crypto';
import { Repository } from 'typeorm';
import { DomainError, ErrorCodes, formatMinor, MoneyError, parseMajorAmount, ResolvePayerReply, Subjects } from '@limye/contracts';
import { AuditRecorder, fieldError, maskId, NatsRpcClient, Principal, RpcCallError, runWithOrganisationId, SERVICE_ENV } from '@limye/platform';
import { IntakeEnv } from '../config/intake.env';
import { IngestResult, PaymentStore } from '../payments/payment.store';
import { PaymentWorker } from '../payments/payment.worker';
import { Checkout } from './checkout.entity';
import { MonCashHint } from './domain/moncash-alert';
import { MonCashClient, MonCashUnavailableError } from './moncash.client';

export const MONCASH = 'moncash';

export interface CheckoutResult {
  paymentId: string;
  orderId: string;
  redirectUrl: string;
  amount: string;
  currency: 'HTG';
}

/** MonCash checkout (CreatePayment) and what its Alert and Return URLs tell us. */
@Injectable()
export class MonCashIntakeService {
  private readonly logger = new Logger(MonCashIntakeService.name);

  constructor(
    private readonly moncash: MonCashClient,
    private readonly store: PaymentStore,
    private readonly worker: PaymentWorker,
    private readonly rpc: NatsRpcClient,
    @InjectRepository(Checkout) private readonly checkouts: Repository<Checkout>,
    private readonly audit: AuditRecorder,
    @Inject(SERVICE_ENV) private readonly env: IntakeEnv,
  ) {}

  /** An order for `organisationId`'s customer (the caller's organisation): the payment it becomes is that organisation's. */
  async checkout(organisationId: string, accountNumber: string, amount: unknown, currency = 'HTG', caller?: Principal): Promise<CheckoutResult> {
    if (currency !== 'HTG') {
      throw fieldError('currency', 'MonCash takes HTG only');
    }
    let amountMinor: number;
    try {
      amountMinor = parseMajorAmount(amount, 'HTG');
    } catch (err) {
      if (err instanceof MoneyError) {
        throw fieldError('amount', err.message);
      }
      throw err;
    }
    await this.assertPayableAccount(organisationId, accountNumber);
    const orderId = newOrderId();
    const reservedPaymentId = randomUUID();
    // Remember the order before MonCash hears of it, so a payment for it can never be unattributable.
    const order = { orderId, organisationId, provider: MONCASH, reservedPaymentId, accountNumber, amountMinor, currency: 'HTG' as const };
    await this.audit.change(async (em) => {
      await em.insert(Checkout, order);
      return { result: null, audit: { actor: caller, action: 'checkout.created', target: { type: 'checkout', id: orderId }, before: null, after: order } };
    });
    const amountText = formatMinor(amountMinor, 'HTG');
    let created;
    try {
      created = await this.moncash.createPayment(orderId, amountText);
    } catch (err) {
      if (err instanceof MonCashUnavailableError) {
        throw new DomainError(ErrorCodes.intakeProviderUnavailable, `MonCash could not create the payment: ${err.message}`, 502);
      }
      throw err;
    }
    await this.checkouts.update({ orderId }, { paymentToken: created.token });
    this.logger.log({ msg: 'moncash checkout created', orderId, account: maskId(accountNumber), amountMinor });
    return { paymentId: reservedPaymentId, orderId, redirectUrl: created.redirectUrl, amount: amountText, currency: 'HTG' };
  }

  private async assertPayableAccount(organisationId: string, accountNumber: string): Promise<void> {
    let reply: ResolvePayerReply;
    try {
      // Header and payload from the one value the caller's token gave (not from whatever context this runs in).
      reply = await runWithOrganisationId(organisationId, () => this.rpc.request<ResolvePayerReply>(Subjects.registryPayerResolve, { organisationId, accountNumber }));
    } catch (err) {
      if (err instanceof RpcCallError && err.code === ErrorCodes.validationFailed) {
        throw new DomainError(ErrorCodes.validationFailed, `accountNumber: ${err.message}`, 400);
      }
      throw new DomainError(ErrorCodes.unavailable, 'the customer registry is not reachable; try again', 503);
    }
    if (reply.outcome === 'no_match') {
      throw new DomainError(ErrorCodes.intakeAccountNotFound, `no customer has account number ${accountNumber}`, 404);
    }
    if (reply.outcome === 'ambiguous') {
      throw new DomainError(ErrorCodes.conflict, `account ${accountNumber} cannot be paid as is: ${reply.reason ?? 'ambiguous'}`, 422);
    }
  }

  /**
   * An Alert or Return call. With a transaction id: record the payment (once) and start verifying it.
   * With only an order id: ask MonCash which transaction paid it; if none yet, the reconciler keeps asking.
   */
  async acceptHint(kind: 'alert' | 'return', hint: MonCashHint, payload: Record<string, unknown>): Promise<IngestResult | { paymentId: null; state: 'AWAITING_PAYMENT' }> {
    let transactionId = hint.transactionId;
    if (!transactionId && hint.orderId) {
      // Every order of ours was stored before MonCash heard of it: an order id we never created is not worth a query.
      if (!(await this.checkouts.existsBy({ provider: MONCASH, orderId: hint.orderId }))) {
        await this.store.recordIgnoredCallback({ provider: MONCASH, kind, payload, orderId: hint.orderId }, 'unknown_order');
        return { paymentId: null, state: 'AWAITING_PAYMENT' };
      }
      transactionId = await this.transactionForOrder(hint.orderId);
      if (!transactionId) {
        await this.store.recordIgnoredCallback({ provider: MONCASH, kind, payload, orderId: hint.orderId }, 'order_not_paid_yet');
        return { paymentId: null, state: 'AWAITING_PAYMENT' };
      }
    }
    return this.ingest(kind, transactionId as string, hint.orderId, payload);
  }

  async ingest(kind: string, transactionId: string, orderId: string | undefined, payload: Record<string, unknown>): Promise<IngestResult> {
    // A callback's word does not reopen a recent rejection (MONCASH_REJECTED_RECHECK_AFTER_MS); the reconciler's, from MonCash, does.
    const reopenAfter = kind === 'reconciliation' ? undefined : this.env.MONCASH_REJECTED_RECHECK_AFTER_MS;
    const result = await this.store.ingest({ provider: MONCASH, kind, payload, transactionId, orderId }, this.worker.leaseIfRoom(), reopenAfter);
    if (result.leased) this.worker.start(result.leased);
    else if (result.created || result.reopened) this.worker.kick(result.paymentId);
    return result;
  }

  private async transactionForOrder(orderId: string): Promise<string | undefined> {
    try {
      const r = await this.moncash.retrieveOrder(orderId);
      return r.kind === 'found' && r.payment.transactionId ? r.payment.transactionId : undefined;
    } catch (err) {
      if (err instanceof MonCashUnavailableError) return undefined;
      throw err;
    }
  }
}

/** Unique, short, and safe in any MonCash field: "L" + time (base 36) + 8 random hex digits. */
function newOrderId(): string {
  return `L${Date.now().toString(36).toUpperCase()}${randomBytes(4).toString('hex').toUpperCase()}`;
}
