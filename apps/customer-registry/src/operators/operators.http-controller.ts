import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiErrors, ApiItemsResponse, Caller, Principal, RequireRoles, ROLES } from '@limye/platform';
import { ApiSignInLockedResponse } from '../auth/token.responses';
import { withRetryAfter } from '../auth/retry-after';
import { ChangePasswordRequest, CreateUserRequest, OrganisationParams, OrganisationUserParams, UpdateMembershipRequest } from './operator.requests';
import { OperatorUserView } from './operator.view';
import { ORGANISATION_NOT_FOUND, OperatorUserResponse } from './operator.responses';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password';
import { OperatorsService } from './operators.service';

/** An organisation's operator users: its owners and admins manage them (docs/access.md). */
@Controller('v1/organisations/:organisationId/users')
@RequireRoles('owner', 'admin')
export class OrganisationUsersHttpController {
  constructor(private readonly operators: OperatorsService) {}

  @ApiOperation({ summary: 'Create an operator user in the organisation' })
  @ApiCreatedResponse({ type: OperatorUserResponse, description: 'Created, with their membership.' })
  @ApiErrors({
    403: 'FORBIDDEN: the token\'s role is not owner or admin, or an admin asked for an owner (only an owner makes an owner).',
    404: ORGANISATION_NOT_FOUND,
    409: 'ISSUER.EMAIL_TAKEN: a user with this e-mail already exists (compared without case).',
  })
  @Post()
  create(@Caller() caller: Principal | undefined, @Param() params: OrganisationParams, @Body() body: CreateUserRequest): Promise<OperatorUserView> {
    return this.operators.createUser(caller, params.organisationId, body);
  }

  @ApiOperation({ summary: 'List the organisation\'s operator users' })
  @ApiItemsResponse(OperatorUserResponse, 'Every member, disabled ones too, oldest first.')
  @ApiErrors({ 404: ORGANISATION_NOT_FOUND })
  @Get()
  async list(@Caller() caller: Principal | undefined, @Param() params: OrganisationParams): Promise<{ items: OperatorUserView[] }> {
    return { items: await this.operators.listUsers(caller, params.organisationId) };
  }

  @ApiOperation({ summary: 'Read an operator user of the organisation' })
  @ApiOkResponse({ type: OperatorUserResponse })
  @ApiErrors({ 404: `${ORGANISATION_NOT_FOUND} ISSUER.USER_NOT_FOUND: no such user in this organisation.` })
  @Get(':userId')
  get(@Caller() caller: Principal | undefined, @Param() params: OrganisationUserParams): Promise<OperatorUserView> {
    return this.operators.getUser(caller, params.organisationId, params.userId);
  }

  /** `{role}` changes the role, `{disabled: true|false}` disables or enables the user in this organisation. */
  @ApiOperation({ summary: 'Change a user\'s role, or disable or enable them, in the organisation' })
  @ApiOkResponse({ type: OperatorUserResponse, description: 'The membership as it is now.' })
  @ApiErrors({
    400: 'VALIDATION_FAILED: neither `role` nor `disabled` given, or a field is wrong (`fields` names it), or an unknown field; MALFORMED_JSON; JSON_TOO_DEEP.',
    403: 'FORBIDDEN: the token\'s role is not owner or admin, or an admin tried to change, disable or make an owner (only owners can).',
    404: `${ORGANISATION_NOT_FOUND} ISSUER.USER_NOT_FOUND: no such user in this organisation.`,
    409: 'CONFLICT: this is the last enabled owner of the organisation (make another owner first).',
  })
  @Patch(':userId')
  update(@Caller() caller: Principal | undefined, @Param() params: OrganisationUserParams, @Body() body: UpdateMembershipRequest): Promise<OperatorUserView> {
    return this.operators.updateMembership(caller, params.organisationId, params.userId, body);
  }
}

/** What a signed-in user does for themselves. */
@Controller('v1/users/me')
@RequireRoles(...ROLES)
export class OwnUserHttpController {
  constructor(private readonly operators: OperatorsService) {}

  @ApiOperation({
    summary: 'Change the signed-in user\'s own password',
    description: 'The current password is checked under the sign-in lockout (a stolen token is no way to guess it). Tokens already issued stay valid until they expire.',
  })
  @ApiNoContentResponse({ description: 'Changed.' })
  @ApiErrors({
    400: `ISSUER.WRONG_PASSWORD: \`currentPassword\` is wrong (counts toward the lockout); VALIDATION_FAILED: \`newPassword\` is not ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters, or a field is missing or unknown (\`fields\` names it); MALFORMED_JSON; JSON_TOO_DEEP.`,
    403: 'FORBIDDEN: the token is an API key\'s (it has no password).',
    404: 'ISSUER.USER_NOT_FOUND: the signed-in user no longer exists.',
  })
  @ApiSignInLockedResponse()
  @Put('password')
  @HttpCode(204)
  async changePassword(@Caller() caller: Principal | undefined, @Body() body: ChangePasswordRequest, @Res({ passthrough: true }) res: Response): Promise<void> {
    await withRetryAfter(res, () => this.operators.changeOwnPassword(caller, body.currentPassword, body.newPassword));
  }
}
