import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { Caller, Principal, RequireRoles, ROLES } from '@limye/platform';
import { OperatorUserView } from '../operators/operator.view';
import { OrganisationParams } from '../operators/operator.requests';
import { CreateOrganisationRequest } from './organisation.requests';
import { OrganisationsService, OrganisationView } from './organisations.service';

@Controller('v1/organisations')
export class OrganisationsHttpController {
  constructor(private readonly organisations: OrganisationsService) {}

  /** Owners of the default organisation only (checked by the service: the role alone is not enough). */
  @Post()
  @RequireRoles('owner')
  create(@Caller() caller: Principal | undefined, @Body() body: CreateOrganisationRequest): Promise<OrganisationView & { owner: OperatorUserView }> {
    return this.organisations.create(caller, body);
  }

  /** The caller's own organisation; any other id answers 404. */
  @Get(':organisationId')
  @RequireRoles(...ROLES)
  get(@Caller() caller: Principal | undefined, @Param() params: OrganisationParams): Promise<OrganisationView> {
    return this.organisations.get(caller, params.organisationId);
  }
}
