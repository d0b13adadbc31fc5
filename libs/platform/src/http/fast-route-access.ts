import type { INestApplication } from '@nestjs/common';
import { httpRoutesOf } from '../openapi/http-routes';
import { RATE_LIMIT_METADATA } from '../rate-limit/rate-limit.decorator';
import type { RateLimitPolicy } from '../rate-limit/rate-limiter';
import type { FastJsonRoute } from './fast-json-routes';

/**
 * A fast route is answered before Express and Nest, so no guard runs for it: the authentication guard could not
 * refuse it. It must therefore be the very path of a controller route that takes POST and is a @PublicRoute — the
 * controller route that serves every other form of the call, and that the OpenAPI document describes (the fast
 * route adds nothing to the document, and cannot open a route that needs a token). Throws at start otherwise.
 * Returns, per fast route, the controller route's @RateLimit policy (the guard that applies it does not run either).
 */
export function assertFastRoutesArePublic(app: INestApplication, routes: readonly FastJsonRoute[]): Array<RateLimitPolicy | undefined> {
  const controllerRoutes = httpRoutesOf(app);
  return routes.map((route) => {
    const match = controllerRoutes.find((r) => r.path === route.path && r.methods.includes(route.method.toLowerCase()));
    if (!match) throw new Error(`fast route ${route.method} ${route.path} is not a controller route: every fast route must be one (guards, OpenAPI)`);
    if (match.publicReason === undefined) {
      throw new Error(`fast route ${route.method} ${route.path} needs a token (${match.controller.name}.${match.handlerName} is not a @PublicRoute): fast routes bypass the authentication guard`);
    }
    const handler = (match.controller.prototype as Record<string, unknown>)[match.handlerName] as object;
    return (Reflect.getMetadata(RATE_LIMIT_METADATA, handler) ?? Reflect.getMetadata(RATE_LIMIT_METADATA, match.controller)) as RateLimitPolicy | undefined;
  });
}
