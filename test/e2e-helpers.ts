import { randomBytes } from 'crypto';
import { LocalStack } from '@limye/local-stack';
import { eventually, http } from '@limye/testing';

/** Sites the e2e stack routes to each SparkMeter API (SPARKMETER_SITE_APIS). */
export const E2E_SITE_APIS = 'e2e-koios:koios,e2e-tc:thundercloud';

export const suffix = () => randomBytes(3).toString('hex').toUpperCase();

/** An 8-digit Haitian mobile number no other test uses (3x xx xx xx). */
export function haitiPhone(): string {
  return `3${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
}

export class E2eWorld {
  constructor(readonly stack: LocalStack) {}

  get intake() {
    return this.stack.url('payment-intake');
  }
  get registry() {
    return this.stack.url('customer-registry');
  }
  get ledger() {
    return this.stack.url('debt-ledger');
  }
  get sandbox() {
    return this.stack.url('sandbox');
  }

  async ensureSites(): Promise<void> {
    for (const id of ['e2e-koios', 'e2e-tc']) {
      const r = await http('POST', `${this.registry}/v1/sites`, { id, name: `E2E ${id}`, country: 'HT', currency: 'HTG' });
      if (r.status >= 400 && r.status !== 409) throw new Error(`site ${id}: ${r.status} ${r.text}`);
    }
  }

  /** A customer with one SparkMeter meter, known to the registry and to the SparkMeter simulator. */
  async registerSparkMeterCustomer(api: 'koios' | 'thundercloud', phone = haitiPhone()) {
    const s = suffix();
    const code = `${api === 'koios' ? 'K' : 'T'}${s}`;
    const vendor = await http('POST', `${this.sandbox}/sandbox/sparkmeter/customers`, { code, name: `Customer ${s}`, api, creditMinor: 0 });
    expect(vendor.status).toBeLessThan(300);
    const created = await http('POST', `${this.registry}/v1/customers`, {
      name: `Customer ${s}`,
      phone,
      siteId: api === 'koios' ? 'e2e-koios' : 'e2e-tc',
      devices: [{ type: 'meter', manufacturer: 'SparkMeter', serial: `SM-E2E-${s}`, vendorAccountRef: code }],
    });
    expect(created.status).toBe(201);
    return { id: created.body.id as string, accountNumber: created.body.accountNumber as string, code, phone, serial: `SM-E2E-${s}` };
  }

  async vendorCredit(code: string): Promise<number> {
    const r = await http('GET', `${this.sandbox}/sandbox/sparkmeter/customers/${code}`);
    expect(r.status).toBe(200);
    return r.body.creditMinor as number;
  }

  async vendorPayments(code: string): Promise<number> {
    const r = await http('GET', `${this.sandbox}/sandbox/sparkmeter/customers/${code}`);
    return r.body.payments as number;
  }

  async checkout(accountNumber: string, amount: string | number) {
    const r = await http('POST', `${this.intake}/v1/checkout/moncash`, { accountNumber, amount });
    expect(r.status).toBe(201);
    return r.body as { paymentId: string; orderId: string; redirectUrl: string };
  }

  /** The simulated customer pays the order on MonCash's page; the sandbox then calls our Alert URL. */
  async payOrder(orderId: string, payer?: string) {
    const r = await http('POST', `${this.sandbox}/sandbox/moncash/orders/${orderId}/pay`, payer ? { payer } : {});
    expect(r.status).toBeLessThan(300);
    return r.body as { transactionId: string };
  }

  async payDirect(payer: string, amount: string | number) {
    const r = await http('POST', `${this.sandbox}/sandbox/moncash/direct-payments`, { payer, amount });
    expect(r.status).toBeLessThan(300);
    return r.body as { transactionId: string };
  }

  async payment(id: string) {
    return http('GET', `${this.intake}/v1/payments/${id}`);
  }

  async paymentByRef(transactionId: string) {
    const r = await http('GET', `${this.intake}/v1/payments?provider=moncash&providerRef=${transactionId}`);
    expect(r.status).toBe(200);
    return r.body.items as Array<{ id: string; state: string; reason: string | null }>;
  }

  async waitForState(paymentId: string, state: string, timeoutMs = 30000) {
    return eventually(async () => {
      const r = await this.payment(paymentId);
      return r.status === 200 && r.body.state === state ? r.body : undefined;
    }, timeoutMs);
  }

  async waitForRefState(transactionId: string, state: string, timeoutMs = 30000) {
    return eventually(async () => {
      const items = await this.paymentByRef(transactionId);
      return items.length === 1 && items[0].state === state ? items[0] : undefined;
    }, timeoutMs);
  }

  async fault(target: 'moncash' | 'koios' | 'thundercloud', body: Record<string, unknown>) {
    const r = await http('PUT', `${this.sandbox}/sandbox/faults/${target}`, body);
    expect(r.status).toBeLessThan(300);
  }

  async clearFaults() {
    await http('DELETE', `${this.sandbox}/sandbox/faults`);
  }

  async moncashConfig(body: Record<string, unknown>) {
    const r = await http('PUT', `${this.sandbox}/sandbox/moncash/config`, body);
    expect(r.status).toBeLessThan(300);
  }
}
