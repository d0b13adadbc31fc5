import { decideAfterLookup, needsLookup, settleSendOutcome } from './attempt-plan';

describe('needsLookup', () => {
  it('asks the vendor first after an unclear attempt or once a vendor reference is known', () => {
    expect(needsLookup({ status: 'UNKNOWN', vendorRef: null })).toBe(true);
    expect(needsLookup({ status: 'PENDING', vendorRef: 'tx-1' })).toBe(true);
    expect(needsLookup({ status: 'PENDING', vendorRef: null })).toBe(false);
  });
});

describe('decideAfterLookup', () => {
  it('records what the vendor knows', () => {
    expect(decideAfterLookup({ kind: 'delivered', vendorRef: 'p-1' }, 2, 50)).toEqual({ kind: 'record', outcome: { kind: 'delivered', vendorRef: 'p-1' } });
    expect(decideAfterLookup({ kind: 'unknown', reason: 'down' }, 2, 50)).toEqual({ kind: 'record', outcome: { kind: 'unknown', reason: 'down' } });
  });

  it('re-sends after a clear "not found", or when the vendor cannot be asked', () => {
    expect(decideAfterLookup({ kind: 'not_found', reason: 'none' }, 2, 50)).toEqual({ kind: 'send', knownNotCredited: true });
    expect(decideAfterLookup({ kind: 'no_lookup' }, 2, 50)).toEqual({ kind: 'send', knownNotCredited: false });
  });

  it('gives up on the last attempt after a clear "not found" instead of re-sending', () => {
    expect(decideAfterLookup({ kind: 'not_found', reason: 'Koios has no payment' }, 50, 50)).toEqual({
      kind: 'record',
      outcome: { kind: 'failed', code: 'METER.GAVE_UP', reason: 'gave up after 50 attempts: Koios has no payment' },
    });
    expect(decideAfterLookup({ kind: 'no_lookup' }, 50, 50)).toEqual({ kind: 'send', knownNotCredited: false });
  });
});

describe('settleSendOutcome', () => {
  it('keeps a refused re-send unknown unless a lookup just ruled a credit out', () => {
    expect(settleSendOutcome({ kind: 'not_credited', reason: '401' }, false)).toEqual({ kind: 'unknown', reason: '401' });
    expect(settleSendOutcome({ kind: 'not_credited', reason: '401' }, true)).toEqual({ kind: 'not_credited', reason: '401' });
    expect(settleSendOutcome({ kind: 'delivered', vendorRef: null }, false)).toEqual({ kind: 'delivered', vendorRef: null });
  });
});
