import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiErrors, Caller, Principal, RequireRoles, ROLES } from '@limye/platform';
import { ORGANISATION_NOT_FOUND } from '../operators/operator.responses';
import { OperatorUserView } from '../operators/operator.view';
import { OrganisationParams } from '../operators/operator.requests';
import { CreateOrganisationRequest } from './organisation.requests';
import { CreatedOrganisationResponse, OrganisationResponse } from './organisation.responses';
import { OrganisationsService, OrganisationView } from './organisations.service';

@Controller('v1/organisations')
export class OrganisationsHttpController {
  constructor(private readonly organisations: OrganisationsService) {}

  /** Owners of the default organisation only (checked by the service: the role alone is not enough). */
  @ApiOperation({ summary: 'Create an organisation and its first owner (owners of the default organisation only)' })
  @ApiCreatedResponse({ type: CreatedOrganisationResponse, description: 'Created, with its owner.' })
  @ApiErrors({
    400: 'VALIDATION_FAILED: a field is missing or wrong (`fields` names it): `ownerPassword` missing for a new user, or given for an existing one; or an unknown field; MALFORMED_JSON; JSON_TOO_DEEP.',
    403: 'FORBIDDEN: the caller is not an owner of the deployment\'s default organisation (the owner role of another organisation is not enough).',
    409: 'ISSUER.EMAIL_TAKEN: a user with `ownerEmail` was created at the same moment; send again.',
  })
  @Post()
  @RequireRoles('owner')
  create(@Caller() caller: Principal | undefined, @Body() body: CreateOrganisationRequest): Promise<OrganisationView & { owner: OperatorUserView }> {
    return this.organisations.create(caller, body);
  }

  /** The caller's own organisation; any other id answers 404. */
  @ApiOperation({ summary: 'Read the caller\'s own organisation' })
  @ApiOkResponse({ type: OrganisationResponse })
  @ApiErrors({ 404: ORGANISATION_NOT_FOUND })
  @Get(':organisationId')
  @RequireRoles(...ROLES)
  get(@Caller() caller: Principal | undefined, @Param() params: OrganisationParams): Promise<OrganisationView> {
    return this.organisations.get(caller, params.organisationId);
  }
}
