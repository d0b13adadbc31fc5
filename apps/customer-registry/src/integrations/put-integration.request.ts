import { IsObject, IsOptional } from 'class-validator';

/**
 * PUT /v1/organisations/:organisationId/integrations/:system. Field names and rules per system are in
 * INTEGRATION_SYSTEMS (libs/contracts): checked by the service, which names each bad field.
 */
export class PutIntegrationRequest {
  /** Every option of the system (a PUT replaces them). */
  @IsOptional() @IsObject()
  options?: Record<string, unknown>;

  /** Secrets to set; `null` clears one; one not given keeps its stored value. Never returned. */
  @IsOptional() @IsObject()
  secrets?: Record<string, unknown>;
}
