import { randomUUID } from 'crypto';
import { requestContext } from './request-context';

/** The correlation id of the request or message being handled, if any. */
export function currentCorrelationId(): string | undefined {
  return requestContext.getStore()?.correlationId;
}

export function newCorrelationId(): string {
  return randomUUID();
}

/**
 * Runs `fn` with `correlationId` as the current one (for HTTP requests, NATS messages, worker jobs), and
 * `organisationId` as the organisation it acts for when given (see tenancy/organisation-context).
 */
export function runWithCorrelationId<T>(correlationId: string, fn: () => T, organisationId?: string): T {
  return requestContext.run(organisationId ? { correlationId, organisationId } : { correlationId }, fn);
}

/** Accepts a caller's id only if it looks like one (no header injection, bounded length). */
export function sanitizeCorrelationId(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return /^[A-Za-z0-9._:-]{1,128}$/.test(value) ? value : undefined;
}
