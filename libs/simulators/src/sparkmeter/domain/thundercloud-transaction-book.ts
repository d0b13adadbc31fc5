import { randomUUID } from 'crypto';
import { CustomerBook } from './customer-book';

export type TcStatus = 'pending' | 'processed' | 'not-processed' | 'error';
export type TcOutcome = Exclude<TcStatus, 'pending'>;

export interface TcTransaction {
  id: string;
  customerId: string;
  amountMinor: number;
  source: string;
  externalId: string | null;
  status: TcStatus;
  createdAt: number;
  /** When a pending transaction reaches its outcome (the site "syncs"). */
  settlesAt: number;
  outcome: TcOutcome;
}

export interface TcTransactionRequest {
  customerId: string;
  amountMinor: number;
  source: string;
  externalId: string | null;
}

export type TcCreateResult = { kind: 'created' | 'existing'; transaction: TcTransaction } | { kind: 'unknown-customer' };

/**
 * ThunderCloud v0 transactions. A transaction is accepted as `pending` and reaches its outcome after
 * the site syncs; only then is the credit applied, exactly once. Time is passed in and settlement happens
 * when anything is read, so the book needs no timers and behaves the same under test.
 */
export class ThundercloudTransactionBook {
  private readonly transactions: TcTransaction[] = [];

  constructor(
    private readonly customers: CustomerBook,
    private readonly newId: () => string = randomUUID,
  ) {}

  /** A book holding transactions saved earlier; pending ones still settle when their time comes. */
  static restored(customers: CustomerBook, transactions: readonly TcTransaction[]): ThundercloudTransactionBook {
    const book = new ThundercloudTransactionBook(customers);
    for (const t of transactions) book.transactions.push({ ...t });
    return book;
  }

  create(req: TcTransactionRequest, now: number, settleMs: number, outcome: TcOutcome): TcCreateResult {
    this.settleDue(now);
    if (req.externalId !== null) {
      const existing = this.transactions.find((t) => t.externalId === req.externalId);
      // ThunderCloud answers a repeated external_id with the first transaction (no second credit).
      if (existing) return { kind: 'existing', transaction: { ...existing } };
    }
    if (!this.customers.byId(req.customerId, 'thundercloud')) return { kind: 'unknown-customer' };
    const transaction: TcTransaction = {
      id: this.newId(),
      ...req,
      status: 'pending',
      createdAt: now,
      settlesAt: now + settleMs,
      outcome,
    };
    this.transactions.push(transaction);
    return { kind: 'created', transaction: { ...transaction } };
  }

  byId(id: string, now: number): TcTransaction | undefined {
    this.settleDue(now);
    const t = this.transactions.find((x) => x.id === id);
    return t && { ...t };
  }

  /** Credits applied so far to a customer (processed transactions). */
  countFor(customerId: string, now: number): number {
    this.settleDue(now);
    return this.transactions.filter((t) => t.customerId === customerId && t.status === 'processed').length;
  }

  /** Every transaction as it stands, without settling anything. */
  all(): TcTransaction[] {
    return this.transactions.map((t) => ({ ...t }));
  }

  settleDue(now: number): void {
    for (const t of this.transactions) {
      if (t.status !== 'pending' || now < t.settlesAt) continue;
      t.status = t.outcome;
      if (t.outcome === 'processed') this.customers.credit(t.customerId, t.amountMinor);
    }
  }
}
