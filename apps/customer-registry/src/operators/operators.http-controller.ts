import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Caller, Principal, RequireRoles, ROLES } from '@limye/platform';
import { withRetryAfter } from '../auth/retry-after';
import { ChangePasswordRequest, CreateUserRequest, OrganisationParams, OrganisationUserParams, UpdateMembershipRequest } from './operator.requests';
import { OperatorUserView } from './operator.view';
import { OperatorsService } from './operators.service';

/** An organisation's operator users: its owners and admins manage them (docs/access.md). */
@Controller('v1/organisations/:organisationId/users')
@RequireRoles('owner', 'admin')
export class OrganisationUsersHttpController {
  constructor(private readonly operators: OperatorsService) {}

  @Post()
  create(@Caller() caller: Principal | undefined, @Param() params: OrganisationParams, @Body() body: CreateUserRequest): Promise<OperatorUserView> {
    return this.operators.createUser(caller, params.organisationId, body);
  }

  @Get()
  async list(@Caller() caller: Principal | undefined, @Param() params: OrganisationParams): Promise<{ items: OperatorUserView[] }> {
    return { items: await this.operators.listUsers(caller, params.organisationId) };
  }

  @Get(':userId')
  get(@Caller() caller: Principal | undefined, @Param() params: OrganisationUserParams): Promise<OperatorUserView> {
    return this.operators.getUser(caller, params.organisationId, params.userId);
  }

  /** `{role}` changes the role, `{disabled: true|false}` disables or enables the user in this organisation. */
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

  @Put('password')
  @HttpCode(204)
  async changePassword(@Caller() caller: Principal | undefined, @Body() body: ChangePasswordRequest, @Res({ passthrough: true }) res: Response): Promise<void> {
    await withRetryAfter(res, () => this.operators.changeOwnPassword(caller, body.currentPassword, body.newPassword));
  }
}
