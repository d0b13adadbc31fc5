import { Body, Controller, Delete, Get, HttpCode, Param, Put, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, ErrorCodes } from '@limye/contracts';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiErrors, ApiItemsResponse, Caller, Principal, RequireRoles } from '@limye/platform';
import { IntegrationParams, OrganisationParams } from './integration.params';
import { IntegrationsService, IntegrationView } from './integrations.service';
import { PutIntegrationRequest } from './put-integration.request';
import { IntegrationResponse } from './integration.responses';

const ORGANISATION_NOT_FOUND = 'NOT_FOUND: the organisation is not the caller\'s own (another organisation\'s id is answered as if it did not exist)';
const NOT_CONFIGURED = 'SETTINGS.INTEGRATION_NOT_CONFIGURED: the organisation has no settings for this system';

/**
 * An organisation's own credentials and options for outside systems. Owners and admins of that organisation
 * only; another organisation's id answers 404, as if it did not exist.
 */
@Controller('v1/organisations/:organisationId/integrations')
export class IntegrationsHttpController {
  constructor(private readonly integrations: IntegrationsService) {}

  @ApiOperation({ summary: 'List the organisation\'s integration settings (without secret values)' })
  @ApiItemsResponse(IntegrationResponse, 'The settings of every system the organisation configured.')
  @ApiErrors({ 404: `${ORGANISATION_NOT_FOUND}.` })
  @Get()
  @RequireRoles('owner', 'admin')
  async list(@Param() params: OrganisationParams, @Caller() caller?: Principal): Promise<{ items: IntegrationView[] }> {
    return { items: await this.integrations.list(ownOrganisation(params.organisationId, caller)) };
  }

  @ApiOperation({ summary: 'Read the organisation\'s settings for one system (without secret values)' })
  @ApiOkResponse({ type: IntegrationResponse })
  @ApiErrors({ 404: `${NOT_CONFIGURED}; ${ORGANISATION_NOT_FOUND}.` })
  @Get(':system')
  @RequireRoles('owner', 'admin')
  get(@Param() params: IntegrationParams, @Caller() caller?: Principal): Promise<IntegrationView> {
    return this.integrations.get(ownOrganisation(params.organisationId, caller), params.system);
  }

  /** 201 when the system was not configured before, else 200. */
  @ApiOperation({
    summary: 'Set the organisation\'s settings for one system (options replaced, secrets set or cleared)',
    description: 'The services that talk to the system drop their cached copy on a NATS notice; if it is lost, they pick the change up within 30 s.',
  })
  @ApiCreatedResponse({ type: IntegrationResponse, description: 'The system was not configured before.' })
  @ApiOkResponse({ type: IntegrationResponse, description: 'Settings replaced.' })
  @ApiErrors({
    400: 'VALIDATION_FAILED: `options` or `secrets` not an object, a field not of this system or of the other kind, a value not a non-empty string (secrets: or null), too long or not in its form (`problems` lists them, at most 10), or a required field missing after the change (`missing`); an unknown field; MALFORMED_JSON; JSON_TOO_DEEP.',
    404: `${ORGANISATION_NOT_FOUND}.`,
    409: 'CONFLICT: the settings kept changing while saving (other writers); send again.',
    503: 'SETTINGS.SECRETS_KEY_MISSING: the service has no LIMYE_SECRETS_KEY, so secrets cannot be sealed; UNAVAILABLE: the database cannot be reached (`Retry-After`).',
  })
  @Put(':system')
  @RequireRoles('owner', 'admin')
  async put(@Param() params: IntegrationParams, @Body() body: PutIntegrationRequest, @Res({ passthrough: true }) res: Response, @Caller() caller?: Principal): Promise<IntegrationView> {
    const organisationId = ownOrganisation(params.organisationId, caller);
    const { view, created } = await this.integrations.put(organisationId, params.system, body, `${caller!.actorKind}:${caller!.subject}`);
    res.status(created ? 201 : 200);
    return view;
  }

  @ApiOperation({ summary: 'Remove the organisation\'s settings for one system (options and secrets)' })
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiErrors({ 404: `${NOT_CONFIGURED}; ${ORGANISATION_NOT_FOUND}.` })
  @Delete(':system')
  @RequireRoles('owner', 'admin')
  @HttpCode(204)
  async remove(@Param() params: IntegrationParams, @Caller() caller?: Principal): Promise<void> {
    await this.integrations.remove(ownOrganisation(params.organisationId, caller), params.system);
  }
}

/** The path's organisation, if it is the caller's own; any other is answered as unknown. */
function ownOrganisation(organisationId: string, caller: Principal | undefined): string {
  if (!caller) throw new DomainError(ErrorCodes.unauthorized, 'sign in first', 401);
  if (caller.organisationId.toLowerCase() !== organisationId.toLowerCase()) {
    throw new DomainError(ErrorCodes.notFound, `no organisation ${organisationId}`, 404);
  }
  return caller.organisationId;
}
