import { DomainError, ErrorCodes } from '@limye/contracts';
import type { Principal } from '../auth/principal';

/**
 * The organisation an operator HTTP handler serves: its verified caller's (@Caller()), nothing the request
 * names itself. A handler reached without a principal (a route left out of the authentication guard) is
 * refused rather than served for some organisation.
 */
export function callerOrganisation(caller: Principal | undefined): string {
  if (!caller?.organisationId) throw new DomainError(ErrorCodes.unauthorized, 'no verified caller', 401);
  return caller.organisationId;
}
