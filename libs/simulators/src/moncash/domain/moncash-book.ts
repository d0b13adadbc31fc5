import { randomBytes, randomInt } from 'crypto';

/** CreatePayment tokens live ten minutes, as in MonCash's own samples. */
export const PAYMENT_TOKEN_TTL_MS = 10 * 60 * 1000;

export interface MoncashOrder {
  orderId: string;
  amountMinor: number;
  paymentToken: string;
  createdAt: number;
  expiresAt: number;
  transactionId: string | null;
}

export interface MoncashTransaction {
  transactionId: string;
  /** null for a direct payment to the merchant (no CreatePayment before it). */
  orderId: string | null;
  amountMinor: number;
  payer: string;
  paidAt: number;
}

export type CreateOrderResult = { kind: 'created'; order: MoncashOrder } | { kind: 'duplicate'; order: MoncashOrder };

export type PayOrderResult =
  | { kind: 'paid'; transaction: MoncashTransaction }
  | { kind: 'unknown' }
  | { kind: 'already-paid'; transaction: MoncashTransaction }
  | { kind: 'expired'; order: MoncashOrder };

/** The whole book as plain data, for saving across restarts. */
export interface MoncashBookContents {
  orders: MoncashOrder[];
  transactions: MoncashTransaction[];
}

export interface MoncashIds {
  transactionId: () => string;
  paymentToken: () => string;
}

/**
 * MonCash's side of collections: orders created by the merchant and the transactions that pay them
 * (or pay the merchant directly). An order is paid at most once.
 */
export class MoncashBook {
  private readonly orders = new Map<string, MoncashOrder>();
  private readonly ordersByToken = new Map<string, MoncashOrder>();
  private readonly transactionsById = new Map<string, MoncashTransaction>();

  constructor(private readonly ids: MoncashIds = randomIds) {}

  /** A book holding orders and transactions saved earlier (see contents). */
  static restored(saved: MoncashBookContents, ids: MoncashIds = randomIds): MoncashBook {
    const book = new MoncashBook(ids);
    for (const o of saved.orders) {
      // One object in both maps, as createOrder does: paying it must show through either.
      const order = { ...o };
      book.orders.set(order.orderId, order);
      book.ordersByToken.set(order.paymentToken, order);
    }
    for (const t of saved.transactions) book.transactionsById.set(t.transactionId, { ...t });
    return book;
  }

  /** Every order and transaction, the live objects: serialise them at once, do not keep them. */
  contents(): MoncashBookContents {
    return { orders: [...this.orders.values()], transactions: [...this.transactionsById.values()] };
  }

  createOrder(orderId: string, amountMinor: number, now: number): CreateOrderResult {
    const existing = this.orders.get(orderId);
    if (existing) return { kind: 'duplicate', order: { ...existing } };
    const order: MoncashOrder = {
      orderId,
      amountMinor,
      paymentToken: this.ids.paymentToken(),
      createdAt: now,
      expiresAt: now + PAYMENT_TOKEN_TTL_MS,
      transactionId: null,
    };
    this.orders.set(orderId, order);
    this.ordersByToken.set(order.paymentToken, order);
    return { kind: 'created', order: { ...order } };
  }

  order(orderId: string): MoncashOrder | undefined {
    const o = this.orders.get(orderId);
    return o && { ...o };
  }

  orderByToken(token: string): MoncashOrder | undefined {
    const o = this.ordersByToken.get(token);
    return o && { ...o };
  }

  payOrder(orderId: string, payer: string, now: number): PayOrderResult {
    const order = this.orders.get(orderId);
    if (!order) return { kind: 'unknown' };
    if (order.transactionId) return { kind: 'already-paid', transaction: { ...this.transactionsById.get(order.transactionId)! } };
    if (now >= order.expiresAt) return { kind: 'expired', order: { ...order } };
    const transaction = this.record(orderId, order.amountMinor, payer, now);
    order.transactionId = transaction.transactionId;
    return { kind: 'paid', transaction };
  }

  payDirect(payer: string, amountMinor: number, now: number): MoncashTransaction {
    return this.record(null, amountMinor, payer, now);
  }

  transaction(transactionId: string): MoncashTransaction | undefined {
    const t = this.transactionsById.get(transactionId);
    return t && { ...t };
  }

  /** The transaction that paid an order; undefined while the order is unknown or unpaid. */
  transactionForOrder(orderId: string): MoncashTransaction | undefined {
    const id = this.orders.get(orderId)?.transactionId;
    return id ? this.transaction(id) : undefined;
  }

  transactions(): MoncashTransaction[] {
    return [...this.transactionsById.values()].map((t) => ({ ...t }));
  }

  private record(orderId: string | null, amountMinor: number, payer: string, now: number): MoncashTransaction {
    let transactionId = this.ids.transactionId();
    while (this.transactionsById.has(transactionId)) transactionId = this.ids.transactionId();
    const transaction: MoncashTransaction = { transactionId, orderId, amountMinor, payer, paidAt: now };
    this.transactionsById.set(transactionId, transaction);
    return { ...transaction };
  }
}

/** Random 10-digit ids, so ids from an earlier sandbox run do not collide with a caller's stored ones. */
const randomIds: MoncashIds = {
  transactionId: () => String(randomInt(1_000_000_000, 9_999_999_999)),
  paymentToken: () => randomBytes(36).toString('base64url'),
};
