import type { Delivery } from '../delivery/delivery.entity';
import type { DeliveryOutcome, LookupOutcome } from './domain/delivery-outcome';

/**
 * One vendor API that credits devices. Both calls must be safe to repeat: `deliver` always sends the
 * delivery's payment id as the vendor's idempotency key (external id), never a new one. Both honour
 * `signal`, which ends the attempt's time budget; an aborted call is an `unknown` outcome, not an error.
 */
export interface MeterDriver {
  readonly name: string;
  /** Sends the credit (or re-sends it with the same external id). */
  deliver(delivery: Delivery, signal: AbortSignal): Promise<DeliveryOutcome>;
  /** Asks the vendor what became of an earlier attempt, without sending anything. */
  queryOutcome(delivery: Delivery, signal: AbortSignal): Promise<LookupOutcome>;
}
