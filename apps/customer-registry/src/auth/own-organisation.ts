import { DomainError, ErrorCodes } from '@limye/contracts';
import type { Principal } from '@limye/platform';

/**
 * The caller of an organisation's route, checked to belong to that organisation. Another organisation's
 * id answers 404 as if it did not exist (tenancy: never confirm what another organisation has).
 * No caller is a 401: the platform's guard sets one on every route that is not public.
 */
export function callerOf(caller: Principal | undefined, organisationId: string): Principal {
  if (!caller) throw new DomainError(ErrorCodes.unauthorized, 'a bearer token is required', 401);
  if (caller.organisationId !== organisationId) {
    throw new DomainError(ErrorCodes.issuerOrganisationNotFound, `no organisation ${organisationId}`, 404);
  }
  return caller;
}
