import { DEFAULT_ORGANISATION_ID, NatsRpcClient, runWithOrganisationId } from '@limye/platform';

/** A second organisation for isolation tests (the first is DEFAULT_ORGANISATION_ID, which env-configured data belongs to). */
export const OTHER_ORGANISATION_ID = '00000000-0000-4000-8000-0000000000b2';

/**
 * A NATS request as a service acting for `organisationId` sends it: the organisation in its header (the
 * caller's context) and in its payload. `headerOrganisationId` sends another header (or none: null), to
 * prove a handler refuses a message whose two disagree.
 */
export function requestForOrganisation<T>(
  client: NatsRpcClient,
  subject: string,
  payload: object,
  organisationId: string = DEFAULT_ORGANISATION_ID,
  headerOrganisationId: string | null = organisationId,
): Promise<T> {
  const body = { organisationId, ...payload };
  return headerOrganisationId === null ? client.request<T>(subject, body) : runWithOrganisationId(headerOrganisationId, () => client.request<T>(subject, body));
}
