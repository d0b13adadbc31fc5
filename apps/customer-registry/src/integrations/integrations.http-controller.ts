import { Body, Controller, Delete, Get, HttpCode, Param, Put, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, ErrorCodes } from '@limye/contracts';
import { Caller, Principal, RequireRoles } from '@limye/platform';
import { IntegrationParams, OrganisationParams } from './integration.params';
import { IntegrationsService, IntegrationView } from './integrations.service';
import { PutIntegrationRequest } from './put-integration.request';

/**
 * An organisation's own credentials and options for outside systems. Owners and admins of that organisation
 * only; another organisation's id answers 404, as if it did not exist.
 */
@Controller('v1/organisations/:organisationId/integrations')
export class IntegrationsHttpController {
  constructor(private readonly integrations: IntegrationsService) {}

  @Get()
  @RequireRoles('owner', 'admin')
  async list(@Param() params: OrganisationParams, @Caller() caller?: Principal): Promise<{ items: IntegrationView[] }> {
    return { items: await this.integrations.list(ownOrganisation(params.organisationId, caller)) };
  }

  @Get(':system')
  @RequireRoles('owner', 'admin')
  get(@Param() params: IntegrationParams, @Caller() caller?: Principal): Promise<IntegrationView> {
    return this.integrations.get(ownOrganisation(params.organisationId, caller), params.system);
  }

  /** 201 when the system was not configured before, else 200. */
  @Put(':system')
  @RequireRoles('owner', 'admin')
  async put(@Param() params: IntegrationParams, @Body() body: PutIntegrationRequest, @Res({ passthrough: true }) res: Response, @Caller() caller?: Principal): Promise<IntegrationView> {
    const organisationId = ownOrganisation(params.organisationId, caller);
    const { view, created } = await this.integrations.put(organisationId, params.system, body, `${caller!.actorKind}:${caller!.subject}`);
    res.status(created ? 201 : 200);
    return view;
  }

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
