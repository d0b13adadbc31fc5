import { ErrorCodes, Subjects } from '@limye/contracts';
import { currentOrganisationId, DEFAULT_ORGANISATION_ID, RpcCallError } from '@limye/platform';
import { IntakeEnv } from '../config/intake.env';
import { MonCashClient } from '../moncash/moncash.client';
import { assertTransition, PaymentState } from './domain/payment-state';
import { Payment } from './payment.entity';
import { PaymentProcessor } from './payment.processor';
import { PaymentStore, TransitionEffects } from './payment.store';

/**
 * The processor against an in-memory store: what it writes, in which statements, and what a crash between
 * its steps leaves. A "crash" is the write failing (the process dies before or instead of it): the payment
 * must be left as it was stored, and working it again must redo only reads and idempotent requests.
 */
/** The organisation whose checkout the payment paid (a new payment is the default organisation's until verified). */
const ORDER_ORGANISATION = '0b7d4f6e-2a1c-4e5b-9f3a-6c8d2e1f0a97';

class MemoryStore {
  row: Payment;
  /** Each statement written: [from, to, states in the history it added]. */
  writes: Array<{ from: PaymentState; to: PaymentState; history: PaymentState[] }> = [];
  failNextWrite = false;

  constructor(p: Payment) {
    this.row = p;
  }

  async transition(p: Payment, to: PaymentState, patch: Partial<Payment>, _detail: string, effects: TransitionEffects = {}): Promise<Payment | null> {
    const passed = (effects.passedThrough ?? []).map((x) => x.state);
    [p.state, ...passed].forEach((from, i, chain) => assertTransition(from, chain[i + 1] ?? to));
    if (this.failNextWrite) {
      this.failNextWrite = false;
      throw new Error('process killed before the write');
    }
    if (this.row.state !== p.state) return null;
    const fromOrder = effects.checkoutOrderId ? { accountNumber: 'ACC-1', organisationId: ORDER_ORGANISATION } : {};
    this.row = Object.assign(new Payment(), this.row, patch, { state: to, attempts: 0 }, fromOrder);
    this.writes.push({ from: p.state, to, history: [...passed, to] });
    return Object.assign(new Payment(), this.row);
  }

  async retryLater(p: Payment, _delayMs: number, _reason: string, patch: Partial<Payment> = {}): Promise<void> {
    if (this.row.state === p.state) this.row = Object.assign(new Payment(), this.row, patch, { attempts: this.row.attempts + 1 });
  }

  async releaseLease(): Promise<void> {}

  async checkoutOf(): Promise<{ accountNumber: string; organisationId: string } | null> {
    return { accountNumber: 'ACC-1', organisationId: ORDER_ORGANISATION };
  }
}

function received(): Payment {
  return Object.assign(new Payment(), {
    id: '5f0c2a43-9a53-4d0e-8a43-3f1f0a4c2b11', provider: 'moncash', providerRef: 'T-1', state: 'RECEIVED', attempts: 0, notFoundCount: 0,
    accountNumber: null, payerPhone: null, createdAt: new Date(), organisationId: DEFAULT_ORGANISATION_ID,
  });
}

function setup(registry: 'up' | 'down' = 'up') {
  const store = new MemoryStore(received());
  const calls: string[] = [];
  const moncash = {
    retrieveTransaction: async () => {
      calls.push('moncash');
      return { kind: 'found', payment: { reference: 'ORD-1', transactionId: 'T-1', amountMinor: 5000, currency: 'HTG', message: 'successful', payer: '50937000000' } };
    },
  } as unknown as MonCashClient;
  const state = { registry };
  const rpc = {
    request: async (subject: string, body: Record<string, unknown>) => {
      calls.push(subject);
      // Every request acts for the organisation of the order MonCash confirmed, in its header and its payload.
      expect([body.organisationId, currentOrganisationId()]).toEqual([ORDER_ORGANISATION, ORDER_ORGANISATION]);
      if (subject === Subjects.registryPayerResolve) {
        if (state.registry === 'down') throw new RpcCallError(subject, ErrorCodes.unavailable, 'no responders');
        expect(body.accountNumber).toBe('ACC-1'); // the order's account, read before the verification is written
        return { outcome: 'matched', matchedBy: 'account', customer: { id: 'c-1' }, device: { id: 'd-1', serial: 'SM-1' } };
      }
      if (subject === Subjects.ledgerPaymentAllocate) return { entryId: 'e-1', energyCreditMinor: 5000, debtClearedMinor: 0 };
      if (subject === Subjects.meterDeliveryRequest) return { status: 'DELIVERED', deliveryId: 'dl-1', vendorRef: 'V-1', driver: 'koios' };
      if (subject === Subjects.ledgerDeliveryRecord) return { entryId: 'e-2', replayed: false };
      throw new Error(`unexpected ${subject}`);
    },
  };
  const outbox = { wake: () => undefined };
  const env = Object.assign(new IntakeEnv(), { MONCASH_VERIFY_ATTEMPTS: 5, PAYMENT_RETRY_BASE_MS: 1000, PAYMENT_RETRY_MAX_MS: 60000, METER_REQUEST_TIMEOUT_MS: 15000, MONCASH_COUNTRY: 'HT' });
  const processor = new PaymentProcessor(store as unknown as PaymentStore, moncash, rpc as never, outbox as never, env);
  return { store, calls, processor, state };
}

describe('PaymentProcessor', () => {
  it('writes verification and match in one statement (both history rows), then ALLOCATED and DELIVERED', async () => {
    const { store, processor } = setup();
    expect(await processor.process(store.row)).toBe('completed');
    expect(store.writes).toEqual([
      { from: 'RECEIVED', to: 'MATCHED', history: ['VERIFIED', 'MATCHED'] },
      { from: 'MATCHED', to: 'ALLOCATED', history: ['ALLOCATED'] },
      { from: 'ALLOCATED', to: 'DELIVERED', history: ['DELIVERED'] },
    ]);
    expect(store.row).toMatchObject({ state: 'DELIVERED', amountMinor: 5000, orderId: 'ORD-1', accountNumber: 'ACC-1', customerId: 'c-1' });
  });

  it('killed between MonCash\'s answer and the match\'s write: the payment is left RECEIVED, and the next try asks both again and credits once', async () => {
    const { store, calls, processor } = setup();
    store.failNextWrite = true;
    expect(await processor.process(store.row)).toBe('failed');
    expect(store.row.state).toBe('RECEIVED');
    expect(store.writes).toEqual([]);
    expect(calls).toEqual(['moncash', Subjects.registryPayerResolve]); // reads only: nothing was allocated

    calls.length = 0;
    expect(await processor.process(store.row)).toBe('completed');
    expect(calls).toEqual(['moncash', Subjects.registryPayerResolve, Subjects.ledgerPaymentAllocate, Subjects.meterDeliveryRequest, Subjects.ledgerDeliveryRecord]);
    expect(store.writes.map((w) => w.to)).toEqual(['MATCHED', 'ALLOCATED', 'DELIVERED']);
  });

  it('killed after the match was written and before allocation was: the next try starts from MATCHED, without asking MonCash or the registry again', async () => {
    const { store, calls, processor } = setup();
    store.failNextWrite = false;
    // Let the merged write through, fail the ALLOCATED one.
    const original = store.transition.bind(store);
    let n = 0;
    store.transition = async (...args: Parameters<MemoryStore['transition']>) => {
      if (++n === 2) store.failNextWrite = true;
      return original(...args);
    };
    expect(await processor.process(store.row)).toBe('failed');
    expect(store.row.state).toBe('MATCHED');
    calls.length = 0;
    expect(await processor.process(store.row)).toBe('completed');
    expect(calls).toEqual([Subjects.ledgerPaymentAllocate, Subjects.meterDeliveryRequest, Subjects.ledgerDeliveryRecord]);
    expect(store.row.state).toBe('DELIVERED');
  });

  it('with the registry away, writes the verification alone and waits in VERIFIED; then matches from there', async () => {
    const { store, processor, state } = setup('down');
    expect(await processor.process(store.row)).toBe('retried');
    expect(store.writes).toEqual([{ from: 'RECEIVED', to: 'VERIFIED', history: ['VERIFIED'] }]);
    expect(store.row).toMatchObject({ state: 'VERIFIED', accountNumber: 'ACC-1', attempts: 1 });
    state.registry = 'up';
    expect(await processor.process(store.row)).toBe('completed');
    expect(store.writes.map((w) => [w.from, w.to])).toEqual([['RECEIVED', 'VERIFIED'], ['VERIFIED', 'MATCHED'], ['MATCHED', 'ALLOCATED'], ['ALLOCATED', 'DELIVERED']]);
  });
});
