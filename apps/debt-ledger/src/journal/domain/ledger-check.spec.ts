import { ledgerCheck } from './ledger-check';

describe('ledgerCheck', () => {
  it('is balanced when every currency sums to zero and no entry is off', () => {
    expect(ledgerCheck([], []).balanced).toBe(true);
    expect(ledgerCheck([{ currency: 'HTG', sum: 0 }, { currency: 'KES', sum: 0 }], []).balanced).toBe(true);
  });

  it('is not balanced when a currency is off or an entry is listed', () => {
    expect(ledgerCheck([{ currency: 'HTG', sum: 0 }, { currency: 'KES', sum: -3 }], []).balanced).toBe(false);
    expect(ledgerCheck([{ currency: 'HTG', sum: 0 }], ['e1'])).toEqual({ balanced: false, totalsByCurrency: [{ currency: 'HTG', sum: 0 }], unbalancedEntries: ['e1'] });
  });
});
