export interface CurrencyTotal {
  currency: string;
  sum: number;
}

export interface LedgerCheck {
  balanced: boolean;
  totalsByCurrency: CurrencyTotal[];
  unbalancedEntries: string[];
}

/** The ledger balances when every currency sums to zero and no single entry is off. */
export function ledgerCheck(totalsByCurrency: CurrencyTotal[], unbalancedEntries: string[]): LedgerCheck {
  const balanced = unbalancedEntries.length === 0 && totalsByCurrency.every((t) => t.sum === 0);
  return { balanced, totalsByCurrency, unbalancedEntries };
}
