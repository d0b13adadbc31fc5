import { CanActivate, createParamDecorator, ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ErrorCodes } from '@limye/contracts';
import { DEFAULT_ORGANISATION_ID, Principal, SERVICE_ENV } from '@limye/platform';
import { EligibilityEnv } from '../../config/eligibility.env';
import { AdminCaller, AdminPermission, callerOfApiKey } from './admin-caller';

/** The permission a controller or handler of the admin API needs; without this decorator, `programme.manage`. */
export const RequiresPermission = Reflector.createDecorator<AdminPermission>();

const WHAT_IT_OPENS: Record<AdminPermission, string> = {
  'programme.manage': 'use the programme admin API',
  'reports.read': 'read the request log',
  'reports.fullPhones': 'have full phone numbers',
};

type AdminRequest = Request & { adminCaller?: AdminCaller; principal?: Principal };

/**
 * The admin API (companies, agents, budgets, sales, rules, reports) answers only a caller whose X-API-Key
 * stands for someone with the endpoint's permission (admin-caller.ts): 401 for a missing or wrong key, 403
 * for a right key without the permission. The caller is then available to the handler (AdminCallerOf).
 * The env keys are the default organisation's, as every env setting is: a key's caller acts for it (the
 * handlers read the organisation from @Caller(), as with a bearer token).
 */
@Injectable()
export class AdminApiKeyGuard implements CanActivate {
  constructor(
    @Inject(SERVICE_ENV) private readonly env: EligibilityEnv,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<AdminRequest>();
    const presented = req.headers['x-api-key'];
    const caller = callerOfApiKey(Array.isArray(presented) ? presented[0] : presented, this.env);
    if (!caller) throw new UnauthorizedException({ code: ErrorCodes.unauthorized, message: 'X-API-Key is missing or wrong' });
    const needed = this.reflector.getAllAndOverride(RequiresPermission, [context.getHandler(), context.getClass()]) ?? 'programme.manage';
    if (!caller.permissions.has(needed)) {
      throw new ForbiddenException({ code: ErrorCodes.forbidden, message: `X-API-Key (${caller.name}) may not ${WHAT_IT_OPENS[needed]}` });
    }
    req.adminCaller = caller;
    req.principal ??= { subject: caller.name, organisationId: DEFAULT_ORGANISATION_ID, role: 'programme', actorKind: 'api_key' };
    return true;
  }
}

/** Handler parameter: the caller AdminApiKeyGuard let in. */
export const AdminCallerOf = createParamDecorator((_data: unknown, context: ExecutionContext): AdminCaller => {
  const caller = context.switchToHttp().getRequest<AdminRequest>().adminCaller;
  if (!caller) throw new Error('AdminCallerOf used on a handler without AdminApiKeyGuard');
  return caller;
});
