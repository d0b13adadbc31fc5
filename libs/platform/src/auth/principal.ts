import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Role } from './roles';

/**
 * The organisation that owns everything configured by env today (MonCash and SparkMeter credentials, the
 * demo data). Records written before organisations existed belong to it.
 */
export const DEFAULT_ORGANISATION_ID = '00000000-0000-4000-8000-000000000001';

/**
 * Who is calling, as proven by a verified bearer token. Access tokens carry it as claims:
 *   iss, aud, exp, iat, jti, sub (user id or API key id), org (organisation id), role, act ('user' | 'api_key').
 */
export interface Principal {
  /** User id or API key id (the token's `sub`). */
  subject: string;
  organisationId: string;
  role: Role;
  actorKind: 'user' | 'api_key';
}

/** The verified caller of an operator HTTP route (set on the request by the authentication guard). */
export const Caller = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal | undefined => {
  return ctx.switchToHttp().getRequest<{ principal?: Principal }>().principal;
});
