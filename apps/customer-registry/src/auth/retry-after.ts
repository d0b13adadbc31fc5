import type { Response } from 'express';
import { DomainError } from '@limye/contracts';

/**
 * Runs `fn`; a DomainError carrying `retryAfterSeconds` (a sign-in lockout) leaves with a Retry-After header
 * (RFC 9110 §10.2.3) set on `res` before the platform's filter writes the error body.
 */
export async function withRetryAfter<T>(res: Response, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const seconds = err instanceof DomainError ? err.details?.retryAfterSeconds : undefined;
    if (typeof seconds === 'number') res.setHeader('Retry-After', String(seconds));
    throw err;
  }
}
