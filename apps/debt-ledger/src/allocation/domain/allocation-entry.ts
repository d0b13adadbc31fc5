import { customerEnergyCreditAccount, providerClearingAccount } from '../../journal/domain/ledger-accounts';
import { credit, debit, PostingLine, sumFor } from '../../journal/domain/posting-line';
import { requestFingerprint } from '../../journal/domain/request-fingerprint';
import { AllocationLine } from './allocate-payment';

export interface AllocatedPayment {
  paymentId: string;
  customerId: string;
  provider: string;
  amountMinor: number;
  currency: string;
}

export function allocationKey(paymentId: string): string {
  return `allocation:${paymentId}`;
}

/** The fields that decide the postings; a replay that changes any of them is a conflict. */
export function allocationFingerprint(p: AllocatedPayment): string {
  return requestFingerprint({ customerId: p.customerId, provider: p.provider, amountMinor: p.amountMinor, currency: p.currency });
}

/**
 * The payment, as held by the provider, debits its clearing account; each allocation line credits
 * the customer account it is for.
 */
export function allocationPostings(p: AllocatedPayment, lines: readonly AllocationLine[]): PostingLine[] {
  const postings = [debit(providerClearingAccount(p.provider, p.currency), p.amountMinor)];
  for (const line of lines) {
    if (line.purpose === 'debt') {
      // Debt accounts come with instalment plans; until then no caller passes open debts.
      throw new Error(`debt ${line.debtId}: debt allocation is not posted yet`);
    }
    postings.push(credit(customerEnergyCreditAccount(p.customerId, p.currency), line.amountMinor));
  }
  return postings;
}

export interface AllocationSummary {
  customerId: string;
  currency: string;
  paidMinor: number;
  debtClearedMinor: number;
  energyCreditMinor: number;
}

/** Reads an allocation entry back: what was paid, and what of it became energy credit or cleared debt. */
export function summarizeAllocation(lines: readonly PostingLine[]): AllocationSummary {
  const customerLine = lines.find((l) => l.account.customerId !== null);
  const customerId = customerLine?.account.customerId;
  if (!customerLine || !customerId) throw new Error('an allocation entry credits a customer account');
  const paidMinor = sumFor(lines, 'provider_clearing');
  const energyCreditMinor = -sumFor(lines, 'energy_credit');
  return {
    customerId,
    currency: customerLine.account.currency,
    paidMinor,
    debtClearedMinor: paidMinor - energyCreditMinor,
    energyCreditMinor,
  };
}
