/** Something the customer owes (an instalment, an access fee), in the order it should be cleared. */
export interface OpenDebt {
  debtId: string;
  outstandingMinor: number;
}

export type AllocationLine =
  | { purpose: 'debt'; debtId: string; amountMinor: number }
  | { purpose: 'energy_credit'; amountMinor: number };

/**
 * How a payment is split: open debts first, in the order given, each up to what is outstanding; the
 * rest becomes energy credit. Lines are positive and add up to the payment exactly. The first cut has
 * no debts yet, so callers pass [] and get one energy-credit line.
 */
export function allocatePayment(amountMinor: number, openDebts: readonly OpenDebt[]): AllocationLine[] {
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) throw new RangeError(`amountMinor must be a positive safe integer, got ${amountMinor}`);
  const lines: AllocationLine[] = [];
  let left = amountMinor;
  for (const debt of openDebts) {
    if (left === 0) break;
    const paid = Math.min(left, Math.max(0, debt.outstandingMinor));
    if (paid > 0) lines.push({ purpose: 'debt', debtId: debt.debtId, amountMinor: paid });
    left -= paid;
  }
  if (left > 0) lines.push({ purpose: 'energy_credit', amountMinor: left });
  return lines;
}
