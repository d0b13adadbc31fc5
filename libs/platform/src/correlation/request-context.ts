import { AsyncLocalStorage } from 'async_hooks';
import type { Principal } from '../auth/principal';

/**
 * What is known about the request, message or job being handled, for as long as it is handled: its
 * correlation id and the organisation it acts for. One store for both, entered once per HTTP request
 * (correlation middleware), NATS message (LimyeServerNats) and worker job (WorkQueue).
 */
export interface RequestContext {
  correlationId: string;
  /** Set for a NATS message from its header, for a worker job from its row, or by runWithOrganisationId. */
  organisationId?: string;
  /**
   * The HTTP request being served: the authentication guard puts the verified `principal` on it after
   * the middleware entered this context, so the organisation is read from it when asked, not copied.
   */
  request?: { principal?: Principal };
}

export const requestContext = new AsyncLocalStorage<RequestContext>();
