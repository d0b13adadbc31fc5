import { DomainError, ErrorCodes, LedgerAccountKind } from '@limye/contracts';

/**
 * Sign convention: a debit is positive, a credit is negative, in integer minor units.
 *
 * - provider_clearing (asset): money a provider holds for us; a payment debits it (+).
 * - customer energy_credit (liability): energy we owe the customer; an allocation credits it (−), a
 *   delivery debits it (+). Its balance is normally ≤ 0; shown to people as a positive amount.
 * - customer energy_delivered: energy handed over; a delivery credits it (−).
 *
 * Every entry sums to zero per currency, so the whole ledger does too.
 */
export interface LedgerAccountRef {
  code: string;
  kind: LedgerAccountKind;
  currency: string;
  customerId: string | null;
}

/** One posting; its currency is its account's. */
export interface PostingLine {
  account: LedgerAccountRef;
  amountMinor: number;
}

export function debit(account: LedgerAccountRef, amountMinor: number): PostingLine {
  return { account, amountMinor };
}

export function credit(account: LedgerAccountRef, amountMinor: number): PostingLine {
  return { account, amountMinor: -amountMinor };
}

/** Why these lines cannot be an entry, or null when they can. Sums in BigInt so no total ever rounds. */
export function entryProblem(lines: readonly PostingLine[]): string | null {
  if (lines.length < 2) return 'an entry needs at least two postings';
  const sums = new Map<string, bigint>();
  for (const line of lines) {
    if (!Number.isSafeInteger(line.amountMinor) || line.amountMinor === 0) {
      return `posting to ${line.account.code} must be a non-zero safe integer, got ${line.amountMinor}`;
    }
    const currency = line.account.currency;
    sums.set(currency, (sums.get(currency) ?? 0n) + BigInt(line.amountMinor));
  }
  const off = [...sums].filter(([, sum]) => sum !== 0n).map(([currency, sum]) => `${currency} ${sum}`);
  return off.length ? `postings do not balance: ${off.join(', ')}` : null;
}

/** An unbalanced entry is a bug in the rule that built it, never the caller's fault: hence 500. */
export function assertBalanced(lines: readonly PostingLine[]): void {
  const problem = entryProblem(lines);
  if (problem) throw new DomainError(ErrorCodes.ledgerUnbalanced, problem, 500);
}

/** The account's balance as seen from these lines (debit positive). */
export function sumFor(lines: readonly PostingLine[], kind: LedgerAccountKind): number {
  return lines.filter((l) => l.account.kind === kind).reduce((sum, l) => sum + l.amountMinor, 0);
}
