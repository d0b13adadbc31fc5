import { AllocationSummary } from '../../allocation/domain/allocation-entry';
import { customerEnergyCreditAccount, customerEnergyDeliveredAccount } from '../../journal/domain/ledger-accounts';
import { credit, debit, PostingLine } from '../../journal/domain/posting-line';
import { requestFingerprint } from '../../journal/domain/request-fingerprint';

export interface RecordedDelivery {
  paymentId: string;
  customerId: string;
  amountMinor: number;
  currency: string;
}

export function deliveryKey(paymentId: string): string {
  return `delivery:${paymentId}`;
}

/** The fields that decide the postings (the vendor's reference does not). */
export function deliveryFingerprint(d: RecordedDelivery): string {
  return requestFingerprint({ customerId: d.customerId, amountMinor: d.amountMinor, currency: d.currency });
}

/** Delivered energy leaves what we owe the customer (debit energy_credit) for energy_delivered (credit). */
export function deliveryPostings(d: RecordedDelivery): PostingLine[] {
  return [
    debit(customerEnergyCreditAccount(d.customerId, d.currency), d.amountMinor),
    credit(customerEnergyDeliveredAccount(d.customerId, d.currency), d.amountMinor),
  ];
}

/**
 * Why this delivery cannot be recorded against the payment's allocation, or null when it can: one
 * delivery per payment, for the customer and currency allocated, of no more than became energy credit.
 */
export function deliveryProblem(d: RecordedDelivery, allocation: AllocationSummary | null): string | null {
  if (!allocation) return `payment ${d.paymentId} has no allocation`;
  if (allocation.customerId !== d.customerId) return `payment ${d.paymentId} was allocated to another customer`;
  if (allocation.currency !== d.currency) return `payment ${d.paymentId} was allocated in ${allocation.currency}, not ${d.currency}`;
  if (d.amountMinor > allocation.energyCreditMinor) {
    return `delivery of ${d.amountMinor} exceeds the ${allocation.energyCreditMinor} ${allocation.currency} allocated as energy credit to payment ${d.paymentId}`;
  }
  return null;
}
