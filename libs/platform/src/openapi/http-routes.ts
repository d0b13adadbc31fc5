import { INestApplicationContext, RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { PUBLIC_ROUTE_METADATA, Role, ROLES_METADATA } from '../auth/roles';
import { ALLOWED_METHODS_METADATA } from '../http/allowed-methods';

/** One HTTP route of a Nest app, as its controller's metadata declares it. */
export interface HttpRoute {
  controller: Type<unknown>;
  handlerName: string;
  /** Lower-case HTTP methods; a route declared with @All lists its @AllowedMethods, else every method. */
  methods: string[];
  /** Nest's form, `/v1/customers/:id`. */
  path: string;
  /** OpenAPI's form, `/v1/customers/{id}`. */
  openApiPath: string;
  /** @RequireRoles of the handler, else of its controller; undefined when neither has any. */
  roles?: Role[];
  /** @PublicRoute's reason (handler first, then controller); undefined for a route that needs a token. */
  publicReason?: string;
  /** The classes of its @Body() and @Query() arguments, when they are classes (DTOs). */
  bodyType?: Type<unknown>;
  queryType?: Type<unknown>;
  /** It reads a body, whole or a field of it (@Body() or @Body('name')). */
  takesBody: boolean;
  /** It declares any @Body/@Query/@Param argument: the validation pipe may answer 400. */
  takesInput: boolean;
}

export const EVERY_METHOD = ['get', 'post', 'put', 'delete', 'patch', 'options', 'head', 'search'];

/**
 * Every HTTP route of the app's controllers, read from their metadata (NATS handlers have none and are left
 * out). Used by the OpenAPI builder to say who may call what; the routes are Nest's own: the same path joins
 * as Nest's router makes (no global prefix, no versioning in Limye).
 */
export function httpRoutesOf(app: INestApplicationContext): HttpRoute[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const reflector = new Reflector();
  const scanner = new MetadataScanner();
  const seen = new Set<Function>();
  const routes: HttpRoute[] = [];
  for (const wrapper of discovery.getControllers()) {
    const controller = wrapper.metatype as Type<unknown> | undefined;
    if (!controller || seen.has(controller)) continue;
    seen.add(controller);
    const controllerPaths = asList(Reflect.getMetadata(PATH_METADATA, controller) ?? '/');
    for (const handlerName of scanner.getAllMethodNames(controller.prototype)) {
      const handler = controller.prototype[handlerName] as Function;
      const methodPath = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (methodPath === undefined) continue;
      const requestMethod = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
      const allowed = reflector.getAllAndOverride<string[] | undefined>(ALLOWED_METHODS_METADATA, [handler, controller]);
      const methods = requestMethod === RequestMethod.ALL
        ? (allowed ? allowed.map((m) => m.toLowerCase()) : EVERY_METHOD)
        : [RequestMethod[requestMethod].toLowerCase()];
      const args = argumentsOf(controller, handlerName);
      for (const cp of controllerPaths) {
        for (const mp of asList(methodPath)) {
          const path = joinPath(cp, mp);
          routes.push({
            controller,
            handlerName,
            methods,
            path,
            openApiPath: toOpenApiPath(path),
            roles: reflector.getAllAndOverride<Role[] | undefined>(ROLES_METADATA, [handler, controller]),
            publicReason: reflector.getAllAndOverride<string | undefined>(PUBLIC_ROUTE_METADATA, [handler, controller]),
            ...args,
          });
        }
      }
    }
  }
  return routes;
}

/** `/v1/customers/:id/devices/:deviceId` → `/v1/customers/{id}/devices/{deviceId}` (as @nestjs/swagger writes paths). */
export function toOpenApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function asList(value: string | string[]): string[] {
  return Array.isArray(value) ? value : [value];
}

function joinPath(controllerPath: string, methodPath: string): string {
  const joined = `/${controllerPath}/${methodPath}`.replace(/\/+/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

function argumentsOf(controller: Type<unknown>, handlerName: string): Pick<HttpRoute, 'bodyType' | 'queryType' | 'takesBody' | 'takesInput'> {
  const declared = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handlerName) ?? {}) as Record<string, { index: number; data?: unknown }>;
  const paramTypes = (Reflect.getMetadata('design:paramtypes', controller.prototype, handlerName) ?? []) as unknown[];
  const out: Pick<HttpRoute, 'bodyType' | 'queryType' | 'takesBody' | 'takesInput'> = { takesBody: false, takesInput: false };
  for (const [key, arg] of Object.entries(declared)) {
    const kind = Number(key.split(':')[0]);
    if (kind !== RouteParamtypes.BODY && kind !== RouteParamtypes.QUERY && kind !== RouteParamtypes.PARAM) continue;
    out.takesInput = true;
    if (kind === RouteParamtypes.BODY) out.takesBody = true;
    const type = paramTypes[arg.index];
    // A whole-body or whole-query DTO (not @Query('format') of one value, not a plain Object).
    if (arg.data !== undefined || !isDtoClass(type)) continue;
    if (kind === RouteParamtypes.BODY) out.bodyType = type;
    if (kind === RouteParamtypes.QUERY) out.queryType = type;
  }
  return out;
}

function isDtoClass(type: unknown): type is Type<unknown> {
  return typeof type === 'function' && ![Object, String, Number, Boolean, Array].includes(type as never);
}
