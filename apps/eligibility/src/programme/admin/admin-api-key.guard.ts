import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { ErrorCodes } from '@limye/contracts';
import { secretEquals, SERVICE_ENV } from '@limye/platform';
import { EligibilityEnv } from '../../config/eligibility.env';

/** The admin API (companies, agents, budgets, sales, reports) answers only callers with ELIGIBILITY_ADMIN_API_KEY in X-API-Key. */
@Injectable()
export class AdminApiKeyGuard implements CanActivate {
  constructor(@Inject(SERVICE_ENV) private readonly env: EligibilityEnv) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    const presented = req.headers['x-api-key'];
    if (secretEquals(Array.isArray(presented) ? presented[0] : presented, this.env.ELIGIBILITY_ADMIN_API_KEY)) return true;
    throw new UnauthorizedException({ code: ErrorCodes.unauthorized, message: 'X-API-Key is missing or wrong' });
  }
}
