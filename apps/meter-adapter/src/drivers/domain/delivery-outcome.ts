import type { DeliveryFailureCode } from '@limye/contracts';

/**
 * What one attempt learned from the vendor. The distinction that matters is whether the vendor may hold
 * the credit: only `failed` and `not_credited` say for sure that it does not.
 */
export type DeliveryOutcome =
  /** Credited (or found already credited). */
  | { kind: 'delivered'; vendorRef: string | null }
  /** Accepted, not applied yet (ThunderCloud until the site syncs): poll, never re-send. */
  | { kind: 'pending'; vendorRef: string; reason: string }
  /** Not credited, and trying again will not change that (unknown customer, invalid data, vendor error). */
  | { kind: 'failed'; code: DeliveryFailureCode; reason: string; vendorRef?: string }
  /** Not credited by this attempt, but a later one may succeed (bad or read-only key, rate limit). */
  | { kind: 'not_credited'; reason: string }
  /** No clear answer (timeout, connection error, 5xx, unreadable 2xx): it may have been credited. */
  | { kind: 'unknown'; reason: string; vendorRef?: string };

/** What asking the vendor about an earlier attempt learned. */
export type LookupOutcome =
  | StatusOutcome
  /** The vendor answered clearly that it has no credit with our external id. */
  | { kind: 'not_found'; reason: string }
  /** The vendor cannot be asked (ThunderCloud has no lookup by external id): re-sending is how to find out. */
  | { kind: 'no_lookup' };

/** What a status query about a known vendor reference can say (it never "refuses for now"). */
export type StatusOutcome = Exclude<DeliveryOutcome, { kind: 'not_credited' }>;
