import fc from 'fast-check';
import { allocatePayment, AllocationLine, OpenDebt } from './allocate-payment';

const amount = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER });
const debts = fc.array(
  fc.record({ debtId: fc.uuid(), outstandingMinor: fc.integer({ min: 0, max: 1e12 }) }),
  { maxLength: 6 },
);
/** Any amount, or one within a few minor units of what is owed, where off-by-one mistakes hide. */
const paymentFor = (owed: readonly OpenDebt[]) =>
  fc.oneof(amount, fc.integer({ min: -3, max: 3 }).map((d) => Math.max(1, owed.reduce((sum, o) => sum + o.outstandingMinor, 0) + d)));
const total = (lines: readonly AllocationLine[]) => lines.reduce((sum, l) => sum + l.amountMinor, 0);

describe('allocatePayment', () => {
  it('turns the whole payment into energy credit when nothing is owed (the first cut)', () => {
    expect(allocatePayment(50_050, [])).toEqual([{ purpose: 'energy_credit', amountMinor: 50_050 }]);
    expect(allocatePayment(1, [])).toEqual([{ purpose: 'energy_credit', amountMinor: 1 }]);
  });

  it('clears debts in the order given before anything becomes energy credit', () => {
    const owed: OpenDebt[] = [
      { debtId: 'loan', outstandingMinor: 300 },
      { debtId: 'fee', outstandingMinor: 500 },
    ];
    expect(allocatePayment(1000, owed)).toEqual([
      { purpose: 'debt', debtId: 'loan', amountMinor: 300 },
      { purpose: 'debt', debtId: 'fee', amountMinor: 500 },
      { purpose: 'energy_credit', amountMinor: 200 },
    ]);
    expect(allocatePayment(801, owed)).toEqual([
      { purpose: 'debt', debtId: 'loan', amountMinor: 300 },
      { purpose: 'debt', debtId: 'fee', amountMinor: 500 },
      { purpose: 'energy_credit', amountMinor: 1 },
    ]);
    expect(allocatePayment(400, owed)).toEqual([
      { purpose: 'debt', debtId: 'loan', amountMinor: 300 },
      { purpose: 'debt', debtId: 'fee', amountMinor: 100 },
    ]);
  });

  it('never creates or loses money: the lines are positive integers adding up to the payment', () => {
    fc.assert(
      fc.property(debts.chain((owed) => fc.tuple(paymentFor(owed), fc.constant(owed))), ([a, owed]) => {
        const lines = allocatePayment(a, owed);
        expect(total(lines)).toBe(a);
        expect(lines.every((l) => Number.isSafeInteger(l.amountMinor) && l.amountMinor > 0)).toBe(true);
      }),
    );
  });

  it('pays no debt beyond what is outstanding, and a later debt or energy only once earlier debts are clear', () => {
    fc.assert(
      fc.property(debts.chain((owed) => fc.tuple(paymentFor(owed), fc.constant(owed))), ([a, owed]) => {
        const lines = allocatePayment(a, owed);
        const paid = (d: OpenDebt) => lines.find((l) => l.purpose === 'debt' && l.debtId === d.debtId)?.amountMinor ?? 0;
        owed.forEach((d, i) => {
          expect(paid(d)).toBeLessThanOrEqual(d.outstandingMinor);
          const earlierClear = owed.slice(0, i).every((e) => paid(e) === e.outstandingMinor);
          if (!earlierClear) expect(paid(d)).toBe(0);
        });
        const energy = lines.find((l) => l.purpose === 'energy_credit')?.amountMinor ?? 0;
        const owedTotal = owed.reduce((sum, d) => sum + d.outstandingMinor, 0);
        expect(energy).toBe(Math.max(0, a - owedTotal));
      }),
    );
  });

  it.each([0, -1, 1.5, Number.NaN, 2 ** 53])('refuses %p as an amount', (bad) => {
    expect(() => allocatePayment(bad, [])).toThrow(RangeError);
  });
});
