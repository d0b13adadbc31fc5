import { Injectable, OnModuleInit } from '@nestjs/common';
import { PersistentState, SimulatorStateStore, savedList } from '../state/state-store';
import { VendorReplyError } from '../common/vendor-reply.error';
import { MoncashBook, MoncashBookContents, MoncashOrder, MoncashTransaction, PayOrderResult } from './domain/moncash-book';
import { formatMoncashDate, moncashError, MoncashPaymentBody, paymentBody, parseMoncashAmount } from './domain/moncash-wire';
import { MoncashAlertService } from './moncash-alert.service';
import { MoncashConfigService } from './moncash-config.service';

/** The payer used when a test or the checkout page does not name one. */
export const DEFAULT_PAYER = '50937000000';

export interface CreatePaymentResponse {
  path: '/v1/CreatePayment';
  payment_token: { expired: string; created: string; token: string };
  timestamp: number;
  status: 202;
  mode: 'sandbox';
}

/**
 * MonCash collections: CreatePayment, the customer paying, Retrieve*, and the alert that follows a payment.
 * Orders and transactions outlive a restart when SANDBOX_STATE_DIR is set; access tokens do not (they
 * live 59 s, and a caller renews one after a 401, as it must with the real MonCash).
 */
@Injectable()
export class MoncashService implements PersistentState, OnModuleInit {
  readonly stateName = 'moncash';
  private book = new MoncashBook();

  constructor(
    private readonly config: MoncashConfigService,
    private readonly alerts: MoncashAlertService,
    private readonly state: SimulatorStateStore,
  ) {}

  onModuleInit(): void {
    this.state.track(this);
  }

  saveState(): MoncashBookContents {
    return this.book.contents();
  }

  loadState(saved: unknown): void {
    const s = (saved ?? {}) as Partial<MoncashBookContents>;
    this.book = MoncashBook.restored({
      orders: savedList<MoncashOrder>(s.orders, 'orders'),
      transactions: savedList<MoncashTransaction>(s.transactions, 'transactions'),
    });
  }

  createPayment(body: Record<string, unknown>): CreatePaymentResponse {
    const path = '/v1/CreatePayment';
    const now = Date.now();
    const orderId = idText(body.orderId);
    if (!orderId) throw new VendorReplyError(400, moncashError(path, 400, 'orderId is required', now));
    const amount = parseMoncashAmount(body.amount);
    if ('problem' in amount) throw new VendorReplyError(400, moncashError(path, 400, amount.problem, now));
    const result = this.book.createOrder(orderId, amount.amountMinor, now);
    if (result.kind === 'created') this.state.changed(this);
    if (result.kind === 'duplicate' && this.config.current().duplicateOrderId === 'conflict') {
      throw new VendorReplyError(409, moncashError(path, 409, `orderId ${orderId} has already been used`, now));
    }
    const { order } = result;
    return {
      path,
      payment_token: { expired: formatMoncashDate(order.expiresAt), created: formatMoncashDate(order.createdAt), token: order.paymentToken },
      timestamp: now,
      status: 202,
      mode: 'sandbox',
    };
  }

  retrieveTransactionPayment(body: Record<string, unknown>): MoncashPaymentBody {
    const path = '/v1/RetrieveTransactionPayment';
    const id = idText(body.transactionId);
    if (!id) throw new VendorReplyError(400, moncashError(path, 400, 'transactionId is required', Date.now()));
    return this.paymentOr404(path, this.book.transaction(id), "Can't find this transaction");
  }

  retrieveOrderPayment(body: Record<string, unknown>): MoncashPaymentBody {
    const path = '/v1/RetrieveOrderPayment';
    const id = idText(body.orderId);
    if (!id) throw new VendorReplyError(400, moncashError(path, 400, 'orderId is required', Date.now()));
    return this.paymentOr404(path, this.book.transactionForOrder(id), "Can't find a payment for this order");
  }

  orderByToken(token: string): MoncashOrder | undefined {
    return this.book.orderByToken(token);
  }

  /** The customer pays an order; a new payment sends the alert. */
  payOrder(orderId: string, payer: string = DEFAULT_PAYER): PayOrderResult {
    const result = this.book.payOrder(orderId, payer, Date.now());
    if (result.kind === 'paid') {
      this.state.changed(this);
      this.alerts.send({ transactionId: result.transaction.transactionId, orderId });
    }
    return result;
  }

  /** The customer pays the merchant without an order (reference ''); the alert carries no orderId. */
  payDirect(payer: string, amount: unknown): MoncashTransaction | { problem: string } {
    const parsed = parseMoncashAmount(amount);
    if ('problem' in parsed) return parsed;
    const transaction = this.book.payDirect(payer, parsed.amountMinor, Date.now());
    this.state.changed(this);
    this.alerts.send({ transactionId: transaction.transactionId });
    return transaction;
  }

  /** The Return URL with `?transactionId=` added, where MonCash sends the payer's browser. */
  returnUrlFor(transactionId: string): string {
    const url = new URL(this.config.current().returnUrl);
    url.searchParams.set('transactionId', transactionId);
    return url.toString();
  }

  transactions(): MoncashTransaction[] {
    return this.book.transactions();
  }

  reset(): void {
    this.book = new MoncashBook();
    this.state.changed(this);
  }

  private paymentOr404(path: string, transaction: MoncashTransaction | undefined, notFound: string): MoncashPaymentBody {
    const now = Date.now();
    if (!transaction) throw new VendorReplyError(404, moncashError(path, 404, notFound, now));
    return paymentBody(path, transaction, now);
  }
}

/** Ids arrive as strings or, from some SDKs, as numbers. */
function idText(value: unknown): string | null {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  return null;
}
