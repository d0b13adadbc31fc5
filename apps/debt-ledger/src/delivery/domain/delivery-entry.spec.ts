import { AllocationSummary } from '../../allocation/domain/allocation-entry';
import { entryProblem } from '../../journal/domain/posting-line';
import { deliveryFingerprint, deliveryKey, deliveryPostings, deliveryProblem, RecordedDelivery } from './delivery-entry';

const customerId = '5b0a3f8e-8f51-4a52-9a8e-0d1e7c9b2f10';
const delivery: RecordedDelivery = { paymentId: 'c0ffee00-0000-4000-8000-000000000001', customerId, amountMinor: 700, currency: 'KES' };
const allocation: AllocationSummary = { customerId, currency: 'KES', paidMinor: 1000, debtClearedMinor: 300, energyCreditMinor: 700 };

describe('delivery entry', () => {
  it('debits energy credit and credits energy delivered (debit +, credit −), balanced', () => {
    const lines = deliveryPostings(delivery);
    expect(lines.map((l) => [l.account.code, l.account.kind, l.amountMinor])).toEqual([
      [`customer:${customerId}:energy_credit:KES`, 'energy_credit', 700],
      [`customer:${customerId}:energy_delivered:KES`, 'energy_delivered', -700],
    ]);
    expect(entryProblem(lines)).toBeNull();
  });

  it('accepts a delivery up to the energy credit the payment was allocated', () => {
    expect(deliveryProblem(delivery, allocation)).toBeNull();
    expect(deliveryProblem({ ...delivery, amountMinor: 1 }, allocation)).toBeNull();
  });

  it.each([
    ['no allocation', delivery, null, /has no allocation/],
    ['more than the energy credit', { ...delivery, amountMinor: 701 }, allocation, /exceeds the 700 KES/],
    ['another customer', { ...delivery, customerId: delivery.paymentId }, allocation, /another customer/],
    ['another currency', { ...delivery, currency: 'HTG' }, allocation, /allocated in KES, not HTG/],
  ])('refuses a delivery with %s', (_what, d, a, message) => {
    expect(deliveryProblem(d, a)).toMatch(message);
  });

  it('keys the entry on the payment and ignores the vendor reference in its fingerprint', () => {
    expect(deliveryKey(delivery.paymentId)).toBe(`delivery:${delivery.paymentId}`);
    const withRef = { ...delivery, vendorRef: 'SM-1' };
    expect(deliveryFingerprint(withRef)).toBe(deliveryFingerprint(delivery));
    expect(deliveryFingerprint({ ...delivery, amountMinor: 701 })).not.toBe(deliveryFingerprint(delivery));
  });
});
