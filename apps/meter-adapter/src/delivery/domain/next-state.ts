import { DeliveryFailureCode, DeliveryFailureCodes, DeliveryStatus } from '@limye/contracts';
import { backoffDelayMs } from '@limye/platform';
import type { DeliveryOutcome } from '../../drivers/domain/delivery-outcome';

export interface RetryPolicy {
  baseMs: number;
  maxMs: number;
  maxAttempts: number;
}

/** What to store after an attempt. */
export interface NextState {
  status: DeliveryStatus;
  reason: string | null;
  failureCode: DeliveryFailureCode | null;
  /** The vendor's reference learned by this attempt; null keeps the one stored. */
  vendorRef: string | null;
  /** When to look again; null when the delivery is final. */
  retryInMs: number | null;
}

export function giveUp(attempts: number, why: string): DeliveryOutcome {
  return { kind: 'failed', code: DeliveryFailureCodes.gaveUp, reason: `gave up after ${attempts} attempts: ${why}` };
}

/**
 * Maps the outcome of attempt number `attempts` to the delivery's next state. DELIVERY_MAX_ATTEMPTS only
 * ever turns a delivery FAILED when the vendor is known not to hold the credit (`not_credited`, or a
 * lookup that answered "not found", see decideAfterLookup): an unclear outcome stays UNKNOWN and is asked
 * about again at the capped interval, and an accepted one (`pending`) keeps being polled, however long
 * that takes. Declaring FAILED while the vendor may have credited would invite a second, manual credit.
 */
export function planNextState(outcome: DeliveryOutcome, attempts: number, policy: RetryPolicy, random: () => number = Math.random): NextState {
  const retryInMs = backoffDelayMs(attempts, policy.baseMs, policy.maxMs, random);
  switch (outcome.kind) {
    case 'delivered':
      return { status: 'DELIVERED', reason: null, failureCode: null, vendorRef: outcome.vendorRef, retryInMs: null };
    case 'failed':
      return { status: 'FAILED', reason: outcome.reason, failureCode: outcome.code, vendorRef: outcome.vendorRef ?? null, retryInMs: null };
    case 'pending':
      return { status: 'PENDING', reason: outcome.reason, failureCode: null, vendorRef: outcome.vendorRef, retryInMs };
    case 'not_credited':
      if (attempts >= policy.maxAttempts) return planNextState(giveUp(attempts, outcome.reason), attempts, policy, random);
      return { status: 'PENDING', reason: outcome.reason, failureCode: null, vendorRef: null, retryInMs };
    case 'unknown':
      return { status: 'UNKNOWN', reason: outcome.reason, failureCode: null, vendorRef: outcome.vendorRef ?? null, retryInMs };
  }
}
