/**
 * A payment's life: RECEIVED → VERIFIED → MATCHED → ALLOCATED → DELIVERED, or one of the end states
 * UNMATCHED (kept for review, never dropped), REJECTED (the provider does not confirm it), FAILED.
 * Every step is one transition; several may be written in one statement (PaymentStore's passedThrough),
 * each still checked here and kept in the history.
 */
export const PAYMENT_STATES = ['RECEIVED', 'VERIFIED', 'MATCHED', 'ALLOCATED', 'DELIVERED', 'UNMATCHED', 'REJECTED', 'FAILED'] as const;
export type PaymentState = (typeof PAYMENT_STATES)[number];

/** States the worker still has to move on. */
export const ACTIVE_STATES: readonly PaymentState[] = ['RECEIVED', 'VERIFIED', 'MATCHED', 'ALLOCATED'];

const TRANSITIONS: Readonly<Record<PaymentState, readonly PaymentState[]>> = {
  RECEIVED: ['VERIFIED', 'REJECTED'],
  VERIFIED: ['MATCHED', 'UNMATCHED'],
  MATCHED: ['ALLOCATED', 'FAILED'],
  ALLOCATED: ['DELIVERED', 'FAILED'],
  DELIVERED: [],
  // A REJECTED payment moved no money, so a later callback may have it verified again.
  REJECTED: ['RECEIVED'],
  // An operator may re-run matching after fixing the registry.
  UNMATCHED: ['VERIFIED'],
  // An operator may retry a failed delivery (the credit is still in the ledger).
  FAILED: ['ALLOCATED'],
};

export function canTransition(from: PaymentState, to: PaymentState): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isPaymentState(value: string): value is PaymentState {
  return (PAYMENT_STATES as readonly string[]).includes(value);
}

export function isActive(state: PaymentState): boolean {
  return ACTIVE_STATES.includes(state);
}

export class IllegalTransitionError extends Error {
  constructor(from: PaymentState, to: PaymentState) {
    super(`a payment cannot go from ${from} to ${to}`);
  }
}

export function assertTransition(from: PaymentState, to: PaymentState): void {
  if (!canTransition(from, to)) throw new IllegalTransitionError(from, to);
}
