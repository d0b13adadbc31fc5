import fc from 'fast-check';
import { entryProblem } from '../../journal/domain/posting-line';
import { allocatePayment } from './allocate-payment';
import { AllocatedPayment, allocationFingerprint, allocationKey, allocationPostings, summarizeAllocation } from './allocation-entry';

const customerId = '5b0a3f8e-8f51-4a52-9a8e-0d1e7c9b2f10';
const payment: AllocatedPayment = { paymentId: 'c0ffee00-0000-4000-8000-000000000001', customerId, provider: 'moncash', amountMinor: 50_050, currency: 'HTG' };

describe('allocation entry', () => {
  it('debits the provider clearing account and credits the customer energy credit (debit +, credit −)', () => {
    const lines = allocationPostings(payment, allocatePayment(payment.amountMinor, []));
    expect(lines.map((l) => [l.account.code, l.amountMinor])).toEqual([
      ['provider_clearing:moncash:HTG', 50_050],
      [`customer:${customerId}:energy_credit:HTG`, -50_050],
    ]);
    expect(lines[1].account).toMatchObject({ kind: 'energy_credit', currency: 'HTG', customerId });
    expect(lines[0].account.customerId).toBeNull();
  });

  it('balances and reads back as what was paid, all of it energy credit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), fc.constantFrom('HTG', 'KES', 'RWF'), (amountMinor, currency) => {
        const p = { ...payment, amountMinor, currency };
        const lines = allocationPostings(p, allocatePayment(amountMinor, []));
        expect(entryProblem(lines)).toBeNull();
        expect(summarizeAllocation(lines)).toEqual({ customerId, currency, paidMinor: amountMinor, debtClearedMinor: 0, energyCreditMinor: amountMinor });
      }),
    );
  });

  it('refuses to post debt lines until debt accounts exist', () => {
    expect(() => allocationPostings(payment, allocatePayment(100, [{ debtId: 'loan', outstandingMinor: 40 }]))).toThrow(/loan/);
  });

  it('keys the entry on the payment and fingerprints only what decides the postings', () => {
    expect(allocationKey(payment.paymentId)).toBe(`allocation:${payment.paymentId}`);
    const base = allocationFingerprint(payment);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(allocationFingerprint({ ...payment, paymentId: 'c0ffee00-0000-4000-8000-000000000002' })).toBe(base);
    for (const change of [{ amountMinor: 50_051 }, { currency: 'USD' }, { customerId: payment.paymentId }, { provider: 'natcash' }]) {
      expect(allocationFingerprint({ ...payment, ...change })).not.toBe(base);
    }
  });
});
