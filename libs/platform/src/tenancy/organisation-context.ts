import { DomainError, ErrorCodes } from '@limye/contracts';
import { requestContext } from '../correlation/request-context';
import { newCorrelationId } from '../correlation/correlation';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The organisation the request, message or job being handled acts for: an HTTP request's verified
 * principal's, a NATS message's `limye-organisation` header, a worker job's row. Undefined outside of
 * those (and for an HTTP request before the authentication guard ran, or on a public route).
 *
 * NatsRpcClient and the outbox send it on; it is a context, not a proof: HTTP handlers take the
 * organisation from @Caller(), NATS handlers from requireMessageOrganisation, workers from their row.
 */
export function currentOrganisationId(): string | undefined {
  const store = requestContext.getStore();
  return store?.organisationId ?? store?.request?.principal?.organisationId;
}

/** Runs `fn` acting for `organisationId` (a worker job for its row's organisation), keeping the correlation id. */
export function runWithOrganisationId<T>(organisationId: string, fn: () => T): T {
  const store = requestContext.getStore();
  return requestContext.run({ correlationId: store?.correlationId ?? newCorrelationId(), organisationId }, fn);
}

/** A uuid in its one spelling (lower case), or undefined: what a header may carry as an organisation id. */
export function sanitizeOrganisationId(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.toLowerCase();
  return UUID.test(v) ? v : undefined;
}

/**
 * For a NATS handler: the organisation its message acts for. The payload's `organisationId` must be the one
 * the header carried (the caller's context): a message without the header, or whose two disagree, is refused
 * with FORBIDDEN and nothing is read or written — a bug in a caller must never serve another organisation.
 */
export function requireMessageOrganisation(payloadOrganisationId: string): string {
  const fromHeader = requestContext.getStore()?.organisationId;
  const fromPayload = sanitizeOrganisationId(payloadOrganisationId);
  if (!fromHeader) throw new DomainError(ErrorCodes.forbidden, 'the message carries no organisation header', 403);
  if (fromPayload !== fromHeader) throw new DomainError(ErrorCodes.forbidden, 'the message is for another organisation than its header says', 403);
  return fromHeader;
}
