import { CanActivate, ExecutionContext, HttpStatus, LoggerService } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { DomainError, ErrorCodes } from '@limye/contracts';
import type { Principal } from './principal';
import { PUBLIC_ROUTE_METADATA, Role, ROLES_METADATA } from './roles';
import { KeysUnavailableError, TokenRejectedError, TokenVerifier } from './token-verifier';

/**
 * The one gate of every operator HTTP route, installed globally by bootstrapService:
 * - @PublicRoute(reason) on the route or its controller: anyone (health, metrics, callbacks, USSD, sandbox);
 * - else a valid bearer token (401 without one), whose role is among the route's @RequireRoles (403 if not);
 *   a route that declares neither is refused to everyone (403), and the route-walk test names it.
 * NATS handlers are not HTTP and pass untouched: they carry no bearer token.
 */
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    private readonly logger?: LoggerService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<string | undefined>(PUBLIC_ROUTE_METADATA, targets) !== undefined) return true;

    const http = context.switchToHttp();
    const req = http.getRequest<Request & { principal?: Principal }>();
    const res = http.getResponse<Response>();
    const token = bearerToken(req.headers.authorization);
    if (token === undefined) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      throw new DomainError(ErrorCodes.unauthorized, 'a bearer token is required: Authorization: Bearer <access token>', HttpStatus.UNAUTHORIZED);
    }
    let principal: Principal;
    try {
      principal = await this.verifier.verify(token);
    } catch (err) {
      if (err instanceof TokenRejectedError) {
        this.logger?.warn({ msg: 'bearer token refused', reason: err.message, method: req.method, path: req.path }, 'AuthenticationGuard');
        res.setHeader('WWW-Authenticate', `Bearer error="invalid_token", error_description="${err.message.replace(/"/g, "'")}"`);
        throw new DomainError(ErrorCodes.unauthorized, err.message, HttpStatus.UNAUTHORIZED);
      }
      if (err instanceof KeysUnavailableError) {
        this.logger?.warn({ msg: 'issuer keys unreachable, answered 503', error: err.message }, 'AuthenticationGuard');
        // A 503: the platform's error filter adds Retry-After.
        throw new DomainError(ErrorCodes.authUnavailable, 'the access token cannot be checked now (the issuer\'s keys are unreachable); try again shortly', HttpStatus.SERVICE_UNAVAILABLE);
      }
      throw err;
    }
    req.principal = principal;

    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_METADATA, targets);
    if (!allowed || !allowed.includes(principal.role)) {
      const may = allowed?.length ? `it needs one of: ${allowed.join(', ')}` : 'it declares no role (a bug: every operator route names its roles)';
      throw new DomainError(ErrorCodes.forbidden, `the role ${principal.role} may not call ${req.method} ${req.route?.path ?? req.path}: ${may}`, HttpStatus.FORBIDDEN);
    }
    return true;
  }
}

/** The token of `Authorization: Bearer <token>` (scheme case-insensitive, RFC 6750), or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer[ ]+([A-Za-z0-9\-._~+/]+=*)[ ]*$/i.exec(header ?? '');
  return match ? match[1] : undefined;
}
