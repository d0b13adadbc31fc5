import { Injectable, OnModuleInit } from '@nestjs/common';
import { PersistentState, SimulatorStateStore, savedList } from '../state/state-store';
import { CustomerBook, CustomerUpsert, MeterCustomer } from './domain/customer-book';
import { KoiosPayment, KoiosPaymentBook } from './domain/koios-payment-book';
import { seedCustomers } from './domain/seed-customers';
import { TcOutcome, TcTransaction, ThundercloudTransactionBook } from './domain/thundercloud-transaction-book';

export interface SparkmeterSettings {
  /** How long a ThunderCloud transaction stays pending before its outcome. */
  thundercloudSettleMs: number;
  /** What pending transactions become; 'not-processed' or 'error' exercise the caller's failure path. */
  thundercloudOutcome: TcOutcome;
  /** Status polls a new transaction answers `pending` before its outcome, besides waiting thundercloudSettleMs. */
  thundercloudPendingPolls: number;
}

export interface CustomerView {
  code: string;
  id: string;
  name: string;
  api: MeterCustomer['api'];
  creditMinor: number;
  /** Credits applied: Koios payments, or processed ThunderCloud transactions. */
  payments: number;
}

/** A Koios payment as the control API shows it: with its customer's code, amounts in minor units. */
export interface KoiosPaymentView {
  id: string;
  customerCode: string | null;
  customerId: string;
  amountMinor: number;
  memo: string;
  externalId: string | null;
  status: KoiosPayment['status'];
  createdAt: string;
}

/** A ThunderCloud transaction as the control API shows it (as it stands now: due ones settled). */
export interface TcTransactionView {
  id: string;
  customerCode: string | null;
  customerId: string;
  amountMinor: number;
  source: string;
  externalId: string | null;
  status: TcTransaction['status'];
  createdAt: string;
}

/** A payment made outside Limye (at the vendor's own office, by another integration): credited at once. */
export interface OutsideKoiosPayment {
  customerCode: string;
  amountMinor: number;
  externalId?: string;
  memo?: string;
}

/** What a restart keeps (SANDBOX_STATE_DIR): customers with their credit, and every payment and transaction. */
interface SavedSparkmeter {
  customers: MeterCustomer[];
  koiosPayments: KoiosPayment[];
  thundercloudTransactions: TcTransaction[];
}

const DEFAULT_SETTINGS: SparkmeterSettings = { thundercloudSettleMs: 50, thundercloudOutcome: 'processed', thundercloudPendingPolls: 0 };

/**
 * The state shared by both SparkMeter simulators (customers and their credits) and its control knobs.
 * The knobs, like faults, are not saved: a restart brings them back to their defaults.
 */
@Injectable()
export class SparkmeterStore implements PersistentState, OnModuleInit {
  readonly stateName = 'sparkmeter';
  customers: CustomerBook;
  koios: KoiosPaymentBook;
  thundercloud: ThundercloudTransactionBook;
  private settings: SparkmeterSettings;

  constructor(private readonly state: SimulatorStateStore) {
    this.startState();
  }

  onModuleInit(): void {
    this.state.track(this);
  }

  reset(): void {
    this.startState();
    this.changed();
  }

  /** Koios and ThunderCloud call this after they credit or record something. */
  changed(): void {
    this.state.changed(this);
  }

  saveState(): SavedSparkmeter {
    return { customers: this.customers.list(), koiosPayments: this.koios.all(), thundercloudTransactions: this.thundercloud.all() };
  }

  loadState(saved: unknown): void {
    const s = (saved ?? {}) as Partial<SavedSparkmeter>;
    const customers = new CustomerBook(savedList<MeterCustomer>(s.customers, 'customers'));
    this.koios = KoiosPaymentBook.restored(customers, savedList<KoiosPayment>(s.koiosPayments, 'koiosPayments'));
    this.thundercloud = ThundercloudTransactionBook.restored(customers, savedList<TcTransaction>(s.thundercloudTransactions, 'thundercloudTransactions'));
    this.customers = customers;
  }

  current(): SparkmeterSettings {
    return { ...this.settings };
  }

  update(patch: Partial<SparkmeterSettings>): SparkmeterSettings {
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    this.settings = { ...this.settings, ...defined };
    return this.current();
  }

  upsertCustomer(input: CustomerUpsert): CustomerView {
    const customer = this.customers.upsert(input);
    this.changed();
    return this.view(customer);
  }

  customer(code: string): CustomerView | undefined {
    this.thundercloud.settleDue(Date.now());
    const c = this.customers.byCode(code);
    return c && this.view(c);
  }

  allCustomers(): CustomerView[] {
    this.thundercloud.settleDue(Date.now());
    return this.customers.list().map((c) => this.view(c));
  }

  /** Koios payments, oldest first; with an external_id, the one made with it (none or one). */
  koiosPayments(externalId?: string): KoiosPaymentView[] {
    const found = externalId === undefined ? this.koios.all() : this.koios.byExternalId(externalId);
    return found.map((p) => this.koiosView(p));
  }

  /** Records a Koios payment made outside Limye, through the same book (a reused external_id is refused). */
  recordKoiosPayment(
    input: OutsideKoiosPayment,
  ): { kind: 'paid'; payment: KoiosPaymentView } | { kind: 'unknown-customer' } | { kind: 'duplicate-external-id'; payment: KoiosPaymentView } {
    const result = this.koios.pay({ customerCode: input.customerCode, amountMinor: input.amountMinor, memo: input.memo ?? '', externalId: input.externalId ?? null }, Date.now());
    if (result.kind === 'unknown-customer') return result;
    if (result.kind === 'paid') this.changed();
    return { kind: result.kind, payment: this.koiosView(result.payment) };
  }

  /** ThunderCloud transactions, oldest first, as they stand now; with an external_id, the one made with it. */
  thundercloudTransactions(externalId?: string): TcTransactionView[] {
    const now = Date.now();
    this.thundercloud.settleDue(now);
    const found = externalId === undefined ? this.thundercloud.all() : this.thundercloud.byExternalId(externalId, now);
    return found.map((t) => ({
      id: t.id,
      customerCode: this.customers.byId(t.customerId)?.code ?? null,
      customerId: t.customerId,
      amountMinor: t.amountMinor,
      source: t.source,
      externalId: t.externalId,
      status: t.status,
      createdAt: new Date(t.createdAt).toISOString(),
    }));
  }

  private startState(): void {
    this.customers = new CustomerBook(seedCustomers());
    this.koios = new KoiosPaymentBook(this.customers);
    this.thundercloud = new ThundercloudTransactionBook(this.customers);
    this.settings = { ...DEFAULT_SETTINGS };
  }

  private koiosView(p: KoiosPayment): KoiosPaymentView {
    return {
      id: p.id,
      customerCode: this.customers.byId(p.recipientId)?.code ?? null,
      customerId: p.recipientId,
      amountMinor: p.amountMinor,
      memo: p.memo,
      externalId: p.externalId,
      status: p.status,
      createdAt: new Date(p.createdAt).toISOString(),
    };
  }

  private view(c: MeterCustomer): CustomerView {
    const payments = c.api === 'koios' ? this.koios.countFor(c.id) : this.thundercloud.countFor(c.id, Date.now());
    return { code: c.code, id: c.id, name: c.name, api: c.api, creditMinor: c.creditMinor, payments };
  }
}
