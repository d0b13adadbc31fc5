import fc from 'fast-check';
import type { CustomerRef, DeviceRef } from '@limye/contracts';
import { decideMatch, MatchCandidate } from './decide-match';

const customer = (id: string): CustomerRef => ({ id, name: `Customer ${id}`, accountNumber: `100000${id}`, siteId: 'haiti-north' });
const device = (id: string): DeviceRef => ({ id, type: 'meter', manufacturer: 'sparkmeter', serial: `SM-${id}`, vendorAccountRef: null, siteId: 'haiti-north' });

describe('decideMatch', () => {
  it('matches one customer with one device to that device', () => {
    expect(decideMatch([{ customer: customer('c1'), devices: [device('d1')] }])).toEqual({
      outcome: 'matched',
      customer: customer('c1'),
      device: device('d1'),
    });
  });

  it('finds nothing in no candidates', () => {
    expect(decideMatch([])).toEqual({ outcome: 'no_match', reason: 'no customer found' });
  });

  it('finds nothing to credit for a customer without devices', () => {
    expect(decideMatch([{ customer: customer('c1'), devices: [] }])).toEqual({ outcome: 'no_match', reason: 'customer has no device' });
  });

  it('does not guess between the devices of one customer', () => {
    expect(decideMatch([{ customer: customer('c1'), devices: [device('d1'), device('d2')] }])).toEqual({
      outcome: 'ambiguous',
      reason: 'customer has 2 devices; pay with a device serial',
    });
  });

  it('does not guess between customers, even when each has one device', () => {
    const candidates = [
      { customer: customer('c1'), devices: [device('d1')] },
      { customer: customer('c2'), devices: [device('d2')] },
    ];
    expect(decideMatch(candidates)).toEqual({
      outcome: 'ambiguous',
      reason: '2 customers with 2 devices match; pay with an account number or a device serial',
    });
  });

  it('matches if and only if there is exactly one candidate with exactly one device, and then that one', () => {
    const candidates = fc
      .array(fc.nat({ max: 3 }), { maxLength: 4 })
      .map((deviceCounts): MatchCandidate[] =>
        deviceCounts.map((n, i) => ({ customer: customer(`c${i}`), devices: Array.from({ length: n }, (_, j) => device(`c${i}d${j}`)) })),
      );
    fc.assert(
      fc.property(candidates, (cs) => {
        const decision = decideMatch(cs);
        const single = cs.length === 1 && cs[0].devices.length === 1;
        if (!single) return decision.outcome !== 'matched';
        return decision.outcome === 'matched' && decision.customer === cs[0].customer && decision.device === cs[0].devices[0];
      }),
    );
  });
});
