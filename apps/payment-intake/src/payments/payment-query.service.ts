import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { FindOptionsWhere, Repository } from 'typeorm';
import { DeliveryReply, DomainError, ErrorCodes, Subjects } from '@limye/contracts';
import { NatsRpcClient, Principal, RpcCallError, runWithOrganisationId } from '@limye/platform';
import { Checkout } from '../moncash/checkout.entity';
import { ACTIVE_STATES, canTransition, PaymentState } from './domain/payment-state';
import { ListPaymentsQuery } from './list-payments.query';
import { PaymentEvent } from './payment-event.entity';
import { Payment } from './payment.entity';
import { PaymentStore } from './payment.store';
import { PaymentView, toPaymentView } from './payment-view';
import { PaymentWorker } from './payment.worker';

/** What operators see of payments, and the two things they may do: retry matching or delivery. */
@Injectable()
export class PaymentQueryService {
  constructor(
    @InjectRepository(Payment) private readonly payments: Repository<Payment>,
    @InjectRepository(PaymentEvent) private readonly events: Repository<PaymentEvent>,
    @InjectRepository(Checkout) private readonly checkouts: Repository<Checkout>,
    private readonly store: PaymentStore,
    private readonly worker: PaymentWorker,
    private readonly rpc: NatsRpcClient,
  ) {}

  /**
   * `organisationId`'s payment, by its id or by the id a checkout promised before the payment existed.
   * Another organisation's answers 404 like an unknown id.
   */
  async get(organisationId: string, id: string): Promise<PaymentView | (Partial<PaymentView> & { state: 'AWAITING_PAYMENT' })> {
    let payment = await this.payments.findOne({ where: { organisationId, id } });
    if (!payment) {
      const checkout = await this.checkouts.findOne({ where: { organisationId, reservedPaymentId: id } });
      if (checkout?.paymentId) payment = await this.payments.findOne({ where: { organisationId, id: checkout.paymentId } });
      else if (checkout) {
        return {
          id,
          provider: checkout.provider,
          state: 'AWAITING_PAYMENT',
          orderId: checkout.orderId,
          accountNumber: checkout.accountNumber,
          amountMinor: checkout.amountMinor,
          currency: checkout.currency,
          createdAt: new Date(checkout.createdAt).toISOString(),
        };
      }
    }
    if (!payment) throw new DomainError(ErrorCodes.intakePaymentNotFound, `no payment ${id}`, 404);
    const history = await this.events.find({ where: { paymentId: payment.id }, order: { id: 'ASC' } });
    return toPaymentView(payment, history);
  }

  async list(organisationId: string, q: ListPaymentsQuery): Promise<{ items: PaymentView[] }> {
    const where: FindOptionsWhere<Payment> = { organisationId };
    if (q.status) where.state = q.status as PaymentState;
    if (q.provider) where.provider = q.provider;
    if (q.providerRef) where.providerRef = q.providerRef;
    const rows = await this.payments.find({ where, order: { createdAt: 'DESC' }, take: q.limit ?? 50 });
    return { items: rows.map((p) => toPaymentView(p)) };
  }

  /** meter-adapter keeps a FAILED delivery FAILED until it is told to try again. */
  private async retryDelivery(organisationId: string, deliveryId: string): Promise<void> {
    try {
      await runWithOrganisationId(organisationId, () => this.rpc.request<DeliveryReply>(Subjects.meterDeliveryRetry, { organisationId, deliveryId }));
    } catch (err) {
      // Already delivered (409): the next delivery request simply reports it, so go on.
      if (err instanceof RpcCallError && err.code === ErrorCodes.conflict) return;
      throw new DomainError(ErrorCodes.unavailable, `meter-adapter could not retry delivery ${deliveryId}: ${(err as Error).message}`, 503);
    }
  }

  /** UNMATCHED → matched again (after the registry was fixed); FAILED → delivery tried again; REJECTED → verified again. */
  async retry(organisationId: string, id: string, caller?: Principal): Promise<PaymentView> {
    const payment = await this.payments.findOne({ where: { organisationId, id } });
    if (!payment) throw new DomainError(ErrorCodes.intakePaymentNotFound, `no payment ${id}`, 404);
    if (ACTIVE_STATES.includes(payment.state)) return this.get(organisationId, id) as Promise<PaymentView>;
    // REJECTED → verified again with MonCash (one query): how an operator reopens a rejection within
    // MONCASH_REJECTED_RECHECK_AFTER_MS, where re-sent alerts no longer do.
    const target: PaymentState | undefined =
      payment.state === 'UNMATCHED' ? 'VERIFIED' : payment.state === 'FAILED' && payment.energyCreditMinor !== null ? 'ALLOCATED' : payment.state === 'REJECTED' ? 'RECEIVED' : undefined;
    if (!target || !canTransition(payment.state, target)) {
      throw new DomainError(ErrorCodes.conflict, `a ${payment.state} payment cannot be retried`, 409);
    }
    if (target === 'ALLOCATED' && payment.deliveryId) await this.retryDelivery(organisationId, payment.deliveryId);
    await this.store.transition(payment, target, target === 'RECEIVED' ? { reason: null, notFoundCount: 0 } : { reason: null }, 'retried by an operator', {
      audit: { actor: caller, action: 'payment.retried', target: { type: 'payment', id }, before: { state: payment.state, reason: payment.reason }, after: { state: target, reason: null } },
    });
    this.worker.kick(id);
    return this.get(organisationId, id) as Promise<PaymentView>;
  }
}
