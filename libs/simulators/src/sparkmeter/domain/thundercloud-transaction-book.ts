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
  /** Status polls it still answers `pending` whatever the time (thundercloudPendingPolls); absent in older saved files: 0. */
  pendingPolls?: number;
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
 * when anything is read, so the book needs no timers and behaves the same under test. Lookups are map
 * accesses and settling visits only the transactions still pending, so a request costs the same however
 * many transactions the book holds.
 */
export class ThundercloudTransactionBook {
  /** In the order they were made (the listing's order). */
  private readonly transactions: TcTransaction[] = [];
  private readonly byIdMap = new Map<string, TcTransaction>();
  private readonly byExternalIdMap = new Map<string, TcTransaction>();
  private readonly pending = new Set<TcTransaction>();
  private readonly processedByCustomer = new Map<string, number>();

  constructor(
    private readonly customers: CustomerBook,
    private readonly newId: () => string = randomUUID,
  ) {}

  /** A book holding transactions saved earlier; pending ones still settle when their time comes. */
  static restored(customers: CustomerBook, transactions: readonly TcTransaction[]): ThundercloudTransactionBook {
    const book = new ThundercloudTransactionBook(customers);
    for (const t of transactions) book.add({ ...t });
    return book;
  }

  /**
   * A new transaction, pending until `settleMs` have passed and it has answered `pendingPolls` status polls
   * (byId) `pending`; then it reaches `outcome`.
   */
  create(req: TcTransactionRequest, now: number, settleMs: number, outcome: TcOutcome, pendingPolls = 0): TcCreateResult {
    this.settleDue(now);
    if (req.externalId !== null) {
      const existing = this.byExternalIdMap.get(req.externalId);
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
      pendingPolls,
    };
    this.add(transaction);
    return { kind: 'created', transaction: { ...transaction } };
  }

  /** A status poll: settles what is due, and counts down a pending transaction's pendingPolls. */
  byId(id: string, now: number): TcTransaction | undefined {
    this.settleDue(now);
    const t = this.byIdMap.get(id);
    if (t?.status === 'pending' && (t.pendingPolls ?? 0) > 0) t.pendingPolls = (t.pendingPolls ?? 0) - 1;
    return t && { ...t };
  }

  /** The transaction made with this external_id (a repeat answers the first), as a list. */
  byExternalId(externalId: string, now: number): TcTransaction[] {
    this.settleDue(now);
    const t = this.byExternalIdMap.get(externalId);
    return t ? [{ ...t }] : [];
  }

  /** Credits applied so far to a customer (processed transactions). */
  countFor(customerId: string, now: number): number {
    this.settleDue(now);
    return this.processedByCustomer.get(customerId) ?? 0;
  }

  /** Every transaction as it stands, without settling anything. */
  all(): TcTransaction[] {
    return this.transactions.map((t) => ({ ...t }));
  }

  settleDue(now: number): void {
    for (const t of this.pending) {
      if (now < t.settlesAt || (t.pendingPolls ?? 0) > 0) continue;
      this.pending.delete(t);
      t.status = t.outcome;
      if (t.outcome === 'processed') {
        this.customers.credit(t.customerId, t.amountMinor);
        this.countProcessed(t);
      }
    }
  }

  private add(transaction: TcTransaction): void {
    this.transactions.push(transaction);
    this.byIdMap.set(transaction.id, transaction);
    if (transaction.externalId !== null && !this.byExternalIdMap.has(transaction.externalId)) this.byExternalIdMap.set(transaction.externalId, transaction);
    if (transaction.status === 'pending') this.pending.add(transaction);
    else if (transaction.status === 'processed') this.countProcessed(transaction);
  }

  private countProcessed(t: TcTransaction): void {
    this.processedByCustomer.set(t.customerId, (this.processedByCustomer.get(t.customerId) ?? 0) + 1);
  }
}
