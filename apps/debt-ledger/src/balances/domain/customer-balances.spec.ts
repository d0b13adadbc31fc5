import fc from 'fast-check';
import type { JournalEntryKind } from '@limye/contracts';
import { allocatePayment } from '../../allocation/domain/allocate-payment';
import { allocationPostings } from '../../allocation/domain/allocation-entry';
import { deliveryPostings } from '../../delivery/domain/delivery-entry';
import { PostingLine } from '../../journal/domain/posting-line';
import { CustomerPostingTotal, customerBalances } from './customer-balances';

const customerId = '5b0a3f8e-8f51-4a52-9a8e-0d1e7c9b2f10';

/** What the balances query returns: the customer's postings summed by currency, account kind and entry kind. */
function totalsOf(entries: ReadonlyArray<{ kind: JournalEntryKind; lines: PostingLine[] }>): CustomerPostingTotal[] {
  const sums = new Map<string, CustomerPostingTotal>();
  for (const entry of entries) {
    for (const l of entry.lines.filter((line) => line.account.customerId === customerId)) {
      const key = `${l.account.currency}|${l.account.kind}|${entry.kind}`;
      const t = sums.get(key) ?? { currency: l.account.currency, accountKind: l.account.kind, entryKind: entry.kind, sumMinor: 0 };
      t.sumMinor += l.amountMinor;
      sums.set(key, t);
    }
  }
  return [...sums.values()];
}

const payment = fc.record({
  currency: fc.constantFrom('HTG', 'KES', 'RWF'),
  amountMinor: fc.integer({ min: 1, max: 1e12 }),
  /** Share of the payment delivered so far, in percent; 0 means not delivered yet. */
  deliveredPct: fc.integer({ min: 0, max: 100 }),
});

describe('customerBalances', () => {
  it('has no balances for a customer without postings', () => {
    expect(customerBalances([])).toEqual([]);
  });

  it('shows an allocated payment as energy credit, then as delivered', () => {
    const p = { paymentId: 'p1', customerId, provider: 'moncash', amountMinor: 50_050, currency: 'HTG' };
    const allocation = { kind: 'payment_allocation' as const, lines: allocationPostings(p, allocatePayment(p.amountMinor, [])) };
    expect(customerBalances(totalsOf([allocation]))).toEqual([{ currency: 'HTG', energyCreditMinor: 50_050, energyDeliveredMinor: 0, totalPaidMinor: 50_050 }]);
    const delivery = { kind: 'energy_delivery' as const, lines: deliveryPostings({ ...p, amountMinor: 20_000 }) };
    expect(customerBalances(totalsOf([allocation, delivery]))).toEqual([{ currency: 'HTG', energyCreditMinor: 30_050, energyDeliveredMinor: 20_000, totalPaidMinor: 50_050 }]);
  });

  it('accounts for every minor unit paid: credit left plus delivered is what was paid, per currency, never negative', () => {
    fc.assert(
      fc.property(fc.array(payment, { maxLength: 12 }), (payments) => {
        const entries = payments.flatMap((p, i) => {
          const allocated = { paymentId: `p${i}`, customerId, provider: 'moncash', amountMinor: p.amountMinor, currency: p.currency };
          const delivered = Math.floor((p.amountMinor * p.deliveredPct) / 100);
          return [
            { kind: 'payment_allocation' as const, lines: allocationPostings(allocated, allocatePayment(p.amountMinor, [])) },
            ...(delivered > 0 ? [{ kind: 'energy_delivery' as const, lines: deliveryPostings({ ...allocated, amountMinor: delivered }) }] : []),
          ];
        });
        const balances = customerBalances(totalsOf(entries));

        const currencies = [...new Set(payments.map((p) => p.currency))].sort();
        expect(balances.map((b) => b.currency)).toEqual(currencies);
        for (const b of balances) {
          const mine = payments.filter((p) => p.currency === b.currency);
          const paid = mine.reduce((sum, p) => sum + p.amountMinor, 0);
          const delivered = mine.reduce((sum, p) => sum + Math.floor((p.amountMinor * p.deliveredPct) / 100), 0);
          expect(b).toEqual({ currency: b.currency, totalPaidMinor: paid, energyDeliveredMinor: delivered, energyCreditMinor: paid - delivered });
          expect(b.energyCreditMinor).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });
});
