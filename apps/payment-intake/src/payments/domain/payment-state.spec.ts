import { ACTIVE_STATES, assertTransition, canTransition, isActive, PAYMENT_STATES, PaymentState } from './payment-state';

describe('payment state machine', () => {
  it('follows the happy path one step at a time', () => {
    const path: PaymentState[] = ['RECEIVED', 'VERIFIED', 'MATCHED', 'ALLOCATED', 'DELIVERED'];
    for (let i = 0; i < path.length - 1; i++) expect(canTransition(path[i], path[i + 1])).toBe(true);
  });

  it('never skips a step or leaves DELIVERED', () => {
    expect(canTransition('RECEIVED', 'MATCHED')).toBe(false);
    expect(canTransition('VERIFIED', 'ALLOCATED')).toBe(false);
    expect(canTransition('RECEIVED', 'DELIVERED')).toBe(false);
    for (const to of PAYMENT_STATES) expect(canTransition('DELIVERED', to)).toBe(false);
  });

  it('keeps unmatched payments (no way to drop them) and only rejects unverified ones', () => {
    expect(canTransition('VERIFIED', 'UNMATCHED')).toBe(true);
    expect(canTransition('RECEIVED', 'REJECTED')).toBe(true);
    expect(canTransition('MATCHED', 'REJECTED')).toBe(false);
    expect(canTransition('ALLOCATED', 'REJECTED')).toBe(false);
  });

  it('throws naming both states on an illegal move', () => {
    expect(() => assertTransition('ALLOCATED', 'RECEIVED')).toThrow('a payment cannot go from ALLOCATED to RECEIVED');
  });

  it('treats exactly the in-flight states as active', () => {
    expect(ACTIVE_STATES).toEqual(['RECEIVED', 'VERIFIED', 'MATCHED', 'ALLOCATED']);
    expect(PAYMENT_STATES.filter(isActive)).toEqual(ACTIVE_STATES);
  });
});
