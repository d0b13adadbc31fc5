import { Injectable } from '@nestjs/common';
import { CustomerBook, CustomerUpsert, MeterCustomer } from './domain/customer-book';
import { KoiosPaymentBook } from './domain/koios-payment-book';
import { seedCustomers } from './domain/seed-customers';
import { TcOutcome, ThundercloudTransactionBook } from './domain/thundercloud-transaction-book';

export interface SparkmeterSettings {
  /** How long a ThunderCloud transaction stays pending before its outcome. */
  thundercloudSettleMs: number;
  /** What pending transactions become; 'not-processed' or 'error' exercise the caller's failure path. */
  thundercloudOutcome: TcOutcome;
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

const DEFAULT_SETTINGS: SparkmeterSettings = { thundercloudSettleMs: 50, thundercloudOutcome: 'processed' };

/** The state shared by both SparkMeter simulators (customers and their credits) and its control knobs. */
@Injectable()
export class SparkmeterStore {
  customers: CustomerBook;
  koios: KoiosPaymentBook;
  thundercloud: ThundercloudTransactionBook;
  private settings: SparkmeterSettings;

  constructor() {
    this.reset();
  }

  reset(): void {
    this.customers = new CustomerBook(seedCustomers());
    this.koios = new KoiosPaymentBook(this.customers);
    this.thundercloud = new ThundercloudTransactionBook(this.customers);
    this.settings = { ...DEFAULT_SETTINGS };
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
    return this.view(this.customers.upsert(input));
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

  private view(c: MeterCustomer): CustomerView {
    const payments = c.api === 'koios' ? this.koios.countFor(c.id) : this.thundercloud.countFor(c.id, Date.now());
    return { code: c.code, id: c.id, name: c.name, api: c.api, creditMinor: c.creditMinor, payments };
  }
}
