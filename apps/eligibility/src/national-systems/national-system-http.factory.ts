import { CircuitBreaker } from './domain/circuit-breaker';

/** After 5 failures in a row a system is taken as down for 10 s: agents get "try later" at once. */
export const BREAKER_OPTIONS = { failureThreshold: 5, openMs: 10_000 };

export function newBreaker(): CircuitBreaker {
  return new CircuitBreaker(BREAKER_OPTIONS);
}
