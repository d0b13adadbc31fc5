import type { CustomerRef, DeviceRef } from '@limye/contracts';

/** A customer found by one identifier, with the devices that identifier points at. */
export interface MatchCandidate {
  customer: CustomerRef;
  devices: readonly DeviceRef[];
}

export type MatchDecision =
  | { outcome: 'matched'; customer: CustomerRef; device: DeviceRef }
  | { outcome: 'ambiguous'; reason: string }
  | { outcome: 'no_match'; reason: string };

/**
 * Money is credited to a device only when the identifier leads to exactly one customer with exactly one
 * device. Anything wider is ambiguous and goes to a person: a guess would power a neighbour's meter.
 */
export function decideMatch(candidates: readonly MatchCandidate[]): MatchDecision {
  if (candidates.length === 0) return { outcome: 'no_match', reason: 'no customer found' };
  if (candidates.length > 1) {
    const devices = candidates.reduce((n, c) => n + c.devices.length, 0);
    return {
      outcome: 'ambiguous',
      reason: `${candidates.length} customers with ${devices} devices match; pay with an account number or a device serial`,
    };
  }
  const [{ customer, devices }] = candidates;
  if (devices.length === 0) return { outcome: 'no_match', reason: 'customer has no device' };
  if (devices.length > 1) return { outcome: 'ambiguous', reason: `customer has ${devices.length} devices; pay with a device serial` };
  return { outcome: 'matched', customer, device: devices[0] };
}
