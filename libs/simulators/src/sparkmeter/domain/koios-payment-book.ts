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
 * the property a caller's retry-after-timeout relies on. Payments are indexed by id, by external_id and
 * by customer, so a credit costs the same with 20 payments as with 20,000 (the payments benchmark drives
 * 100+ a second through the sandbox).
 */
export class KoiosPaymentBook {
  /** In the order they were made (the listing's order). */
  private readonly payments: KoiosPayment[] = [];
  private readonly byIdMap = new Map<string, KoiosPayment>();
  private readonly byExternalIdMap = new Map<string, KoiosPayment>();
  private readonly countByCustomer = new Map<string, number>();

  constructor(
    private readonly customers: CustomerBook,
    private readonly newId: () => string = randomUUID,
  ) {}

  /** A book holding payments saved earlier (their credit is already in the customers' balances). */
  static restored(customers: CustomerBook, payments: readonly KoiosPayment[]): KoiosPaymentBook {
    const book = new KoiosPaymentBook(customers);
    for (const p of payments) book.add({ ...p });
    return book;
  }

  pay(req: KoiosPaymentRequest, now: number): KoiosPayResult {
    const customer = req.customerId ? this.customers.byId(req.customerId, 'koios') : this.customers.byCode(req.customerCode ?? '', 'koios');
    if (!customer) return { kind: 'unknown-customer' };
    if (req.externalId !== null) {
      const taken = this.byExternalIdMap.get(req.externalId);
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
    this.add(payment);
    return { kind: 'paid', payment: { ...payment } };
  }

  /** The payment made with this external_id (Koios refuses a second one), as a list like Koios's filter. */
  byExternalId(externalId: string): KoiosPayment[] {
    const p = this.byExternalIdMap.get(externalId);
    return p ? [{ ...p }] : [];
  }

  byId(id: string): KoiosPayment | undefined {
    const p = this.byIdMap.get(id);
    return p && { ...p };
  }

  all(): KoiosPayment[] {
    return this.payments.map((p) => ({ ...p }));
  }

  countFor(customerId: string): number {
    return this.countByCustomer.get(customerId) ?? 0;
  }

  private add(payment: KoiosPayment): void {
    this.payments.push(payment);
    this.byIdMap.set(payment.id, payment);
    // The first payment keeps an external_id (a saved book never holds two; if it did, the first wins, as before).
    if (payment.externalId !== null && !this.byExternalIdMap.has(payment.externalId)) this.byExternalIdMap.set(payment.externalId, payment);
    this.countByCustomer.set(payment.recipientId, (this.countByCustomer.get(payment.recipientId) ?? 0) + 1);
  }
}
