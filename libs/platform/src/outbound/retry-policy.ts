/**
 * When an outbound call may be sent again, and after how long. A call is repeated only when repeating it
 * cannot do anything twice: safe methods (GET, HEAD, OPTIONS), or a call its caller marks `idempotent`
 * (a read sent as POST, or a write carrying an idempotency key the other side dedupes on). PUT and DELETE are
 * idempotent by the RFC but not repeated unless marked: outside systems get them wrong, and a money-moving
 * POST is never re-sent blindly — its caller asks the other side first.
 */
export interface RetryPolicy {
  /** Attempts in all, the first included (1: no retry). */
  attempts: number;
  /** Pause before the first retry; it doubles each retry, up to `maxDelayMs`, with jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 3, baseDelayMs: 100, maxDelayMs: 1000 };

export type HttpMethod = 'GET' | 'HEAD' | 'OPTIONS' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** May this call be sent again after a failure? The caller's word wins over the method's. */
export function isRepeatable(method: HttpMethod, idempotent?: boolean): boolean {
  if (idempotent !== undefined) return idempotent;
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS';
}

/**
 * Pause before retry number `retry` (1 = the first retry): "equal jitter", half the exponential step fixed
 * and half random, so clients that failed together do not come back together, and a pause is never so short
 * that retries pile up on a struggling system.
 */
export function retryDelayMs(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(step / 2 + random() * (step / 2));
}
