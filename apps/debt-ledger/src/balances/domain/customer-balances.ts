import type { JournalEntryKind, LedgerAccountKind } from '@limye/contracts';

/** The sum of a customer's postings (debit positive) for one account kind, one entry kind, one currency. */
export interface CustomerPostingTotal {
  currency: string;
  accountKind: LedgerAccountKind;
  entryKind: JournalEntryKind;
  sumMinor: number;
}

export interface CurrencyBalance {
  currency: string;
  /** Allocated as energy and not delivered yet. */
  energyCreditMinor: number;
  energyDeliveredMinor: number;
  /** Everything the customer's payments brought in: energy credit plus, later, debts cleared. */
  totalPaidMinor: number;
}

/**
 * A customer's balances per currency, as positive amounts. Customer accounts carry credit balances
 * (negative, see posting-line.ts), hence the negations; what allocations credited to the customer is
 * what the customer paid.
 */
export function customerBalances(totals: readonly CustomerPostingTotal[]): CurrencyBalance[] {
  const byCurrency = new Map<string, CurrencyBalance>();
  for (const t of totals) {
    const b = byCurrency.get(t.currency) ?? { currency: t.currency, energyCreditMinor: 0, energyDeliveredMinor: 0, totalPaidMinor: 0 };
    if (t.accountKind === 'energy_credit') b.energyCreditMinor -= t.sumMinor;
    if (t.accountKind === 'energy_delivered') b.energyDeliveredMinor -= t.sumMinor;
    if (t.entryKind === 'payment_allocation') b.totalPaidMinor -= t.sumMinor;
    byCurrency.set(t.currency, b);
  }
  return [...byCurrency.values()].sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));
}
