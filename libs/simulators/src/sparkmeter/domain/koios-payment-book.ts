import { randomUUID } from 'crypto';
import { CustomerBook } from './customer-book';

export interface KoiosPayment {
  id: string;
  recipientId: string;
  amountMinor: number;
  memo: string;
  externalId: string | null;
  status: 'processed';
  createdAt: number;
}

export interface KoiosPaymentRequest {
  customerCode?: string;
  customerId?: string;
  amountMinor: number;
  memo: string;
  externalId: string | null;
}

export type KoiosPayResult =
  | { kind: 'paid'; payment: KoiosPayment }
  | { kind: 'unknown-customer' }
  | { kind: 'duplicate-external-id'; payment: KoiosPayment };

/**
 * Koios v1 payments. Koios credits at once and rejects a reused `external_id` without crediting again —
 * the property a caller's retry-after-timeout relies on.
 */
export class KoiosPaymentBook {
  private readonly payments: KoiosPayment[] = [];

  constructor(
    private readonly customers: CustomerBook,
    private readonly newId: () => string = randomUUID,
  ) {}

  /** A book holding payments saved earlier (their credit is already in the customers' balances). */
  static restored(customers: CustomerBook, payments: readonly KoiosPayment[]): KoiosPaymentBook {
    const book = new KoiosPaymentBook(customers);
    for (const p of payments) book.payments.push({ ...p });
    return book;
  }

  pay(req: KoiosPaymentRequest, now: number): KoiosPayResult {
    const customer = req.customerId ? this.customers.byId(req.customerId, 'koios') : this.customers.byCode(req.customerCode ?? '', 'koios');
    if (!customer) return { kind: 'unknown-customer' };
    if (req.externalId !== null) {
      const taken = this.payments.find((p) => p.externalId === req.externalId);
      if (taken) return { kind: 'duplicate-external-id', payment: { ...taken } };
    }
    const payment: KoiosPayment = {
      id: this.newId(),
      recipientId: customer.id,
      amountMinor: req.amountMinor,
      memo: req.memo,
      externalId: req.externalId,
      status: 'processed',
      createdAt: now,
    };
    this.customers.credit(customer.id, req.amountMinor);
    this.payments.push(payment);
    return { kind: 'paid', payment: { ...payment } };
  }

  byExternalId(externalId: string): KoiosPayment[] {
    return this.payments.filter((p) => p.externalId === externalId).map((p) => ({ ...p }));
  }

  byId(id: string): KoiosPayment | undefined {
    const p = this.payments.find((x) => x.id === id);
    return p && { ...p };
  }

  all(): KoiosPayment[] {
    return this.payments.map((p) => ({ ...p }));
  }

  countFor(customerId: string): number {
    return this.payments.filter((p) => p.recipientId === customerId).length;
  }
}
