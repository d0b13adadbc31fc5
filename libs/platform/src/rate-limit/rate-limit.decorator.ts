import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { RateLimitedError, RateLimitPolicy, RateLimiter } from './rate-limiter';

export const RATE_LIMIT_METADATA = 'limye:rate-limit';

/** Refuses a request over its route's policy with RateLimitedError (429, Retry-After, the JSON error body). */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const policy = this.reflector.getAllAndOverride<RateLimitPolicy | undefined>(RATE_LIMIT_METADATA, [context.getHandler(), context.getClass()]);
    if (!policy) return true;
    const verdict = this.limiter.check(policy, context.switchToHttp().getRequest<Request>());
    if (verdict.limited) throw new RateLimitedError(verdict.retryAfterSeconds, verdict.scope);
    return true;
  }
}

/**
 * Rate-limits a public route (a provider callback, the token endpoint) per source address and per account:
 *   @Post('v1/auth/token')
 *   @RateLimit({ name: 'auth-token',
 *     perAddress: { env: 'AUTH_TOKEN_RATE_LIMIT_PER_ADDRESS', fallback: '10/s burst 30' },
 *     perAccount: { env: 'AUTH_TOKEN_RATE_LIMIT_PER_ACCOUNT', fallback: '30/min burst 10', key: bodyField('username') } })
 * Routes that must answer in their own shape (USSD screens) call RateLimiter.check themselves.
 */
export const RateLimit = (policy: RateLimitPolicy) => applyDecorators(SetMetadata(RATE_LIMIT_METADATA, policy), UseGuards(RateLimitGuard));

/** An account key read from the parsed body (JSON or form) or, failing that, the query string. */
export function bodyField(...names: string[]): (req: Request) => string | undefined {
  return (req) => {
    for (const name of names) {
      const fromBody = isObject(req.body) ? req.body[name] : undefined;
      const value = fromBody ?? (isObject(req.query) ? req.query[name] : undefined);
      if (typeof value === 'string' && value.trim() !== '') return `${name}:${value.trim().toLowerCase()}`;
    }
    return undefined;
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
