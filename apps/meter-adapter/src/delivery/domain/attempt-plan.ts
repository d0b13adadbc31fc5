import type { DeliveryStatus } from '@limye/contracts';
import type { DeliveryOutcome, LookupOutcome } from '../../drivers/domain/delivery-outcome';
import { giveUp } from './next-state';

/**
 * The steps of one attempt. An earlier attempt may have reached the vendor (UNKNOWN), or been accepted
 * (a vendor reference is known): then the vendor is asked first, and the credit is re-sent, always with
 * the same external id, only when the answer allows it.
 */
export function needsLookup(delivery: { status: DeliveryStatus; vendorRef: string | null }): boolean {
  return delivery.status === 'UNKNOWN' || delivery.vendorRef !== null;
}

export type LookupDecision = { kind: 'record'; outcome: DeliveryOutcome } | { kind: 'send'; knownNotCredited: boolean };

/** `attempts` counts the attempt being made. */
export function decideAfterLookup(lookup: LookupOutcome, attempts: number, maxAttempts: number): LookupDecision {
  switch (lookup.kind) {
    case 'not_found':
      // The one moment we know for sure nothing was credited: the right time to give up, if due.
      return attempts >= maxAttempts ? { kind: 'record', outcome: giveUp(attempts, lookup.reason) } : { kind: 'send', knownNotCredited: true };
    case 'no_lookup':
      // Re-sending with the same external id is the question; the vendor dedupes it.
      return { kind: 'send', knownNotCredited: false };
    default:
      return { kind: 'record', outcome: lookup };
  }
}

/**
 * A re-send refused for now (bad key, rate limit) says nothing about an earlier attempt that may have
 * gone through: unless a lookup just said "not found", the delivery stays unknown.
 */
export function settleSendOutcome(outcome: DeliveryOutcome, knownNotCredited: boolean): DeliveryOutcome {
  return outcome.kind === 'not_credited' && !knownNotCredited ? { kind: 'unknown', reason: outcome.reason } : outcome;
}
