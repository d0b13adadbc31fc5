import { INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { API_DOCS_PATH, OPENAPI_JSON_PATH, PUBLIC_ROUTE_METADATA, Role, ROLES_METADATA } from '@limye/platform';

/** One HTTP route a running Nest app serves, with what the authentication guard reads on it. */
export interface RouteAccess {
  /** GET, POST…; ALL for @All. */
  method: string;
  /** As registered: /v1/payments/:id. */
  path: string;
  /** Controller.handler, to name it in a failure. */
  handler: string;
  publicReason?: string;
  roles?: Role[];
}

/**
 * Every HTTP route of `app`, read from its controllers' metadata (Nest's DiscoveryService) exactly as the
 * guard reads it (handler first, then controller). `registeredRoutes` is what Express was told to serve, to
 * prove this list misses nothing.
 */
export function routeAccessOf(app: INestApplication): RouteAccess[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const reflector = app.get(Reflector);
  const scanner = new MetadataScanner();
  const routes: RouteAccess[] = [];
  for (const wrapper of discovery.getControllers()) {
    const { instance, metatype } = wrapper;
    if (!instance || !metatype) continue;
    const prototype = Object.getPrototypeOf(instance);
    const base = [Reflect.getMetadata(PATH_METADATA, metatype) ?? '/'].flat() as string[];
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name];
      const methodPath = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (methodPath === undefined) continue; // not a route
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      const publicReason = reflector.getAllAndOverride<string | undefined>(PUBLIC_ROUTE_METADATA, [handler, metatype]);
      const roles = reflector.getAllAndOverride<Role[] | undefined>(ROLES_METADATA, [handler, metatype]);
      for (const b of base) {
        for (const m of [methodPath].flat()) {
          routes.push({ method, path: joinPath(b, m), handler: `${metatype.name}.${name}`, publicReason, roles });
        }
      }
    }
  }
  return routes;
}

/** "METHOD /path" of every route Express serves for `app` (ALL for a route that takes every method). */
export function registeredRoutes(app: INestApplication): string[] {
  const express = app.getHttpAdapter().getInstance() as { router?: { stack: ExpressLayer[] }; _router?: { stack: ExpressLayer[] } };
  const stack = (express.router ?? express._router)?.stack ?? [];
  const found: string[] = [];
  for (const layer of stack) {
    if (!layer.route) continue;
    // The API document and its browsable page (SwaggerModule registers them on Express itself, not as Nest
    // controllers): public by design, no guard runs on them.
    if (layer.route.path === OPENAPI_JSON_PATH || layer.route.path === API_DOCS_PATH || layer.route.path.startsWith(`${API_DOCS_PATH}/`)) continue;
    const methods = Object.keys(layer.route.methods).filter((m) => layer.route!.methods[m]);
    const method = methods.length > 20 || layer.route.methods._all ? 'ALL' : methods.map((m) => m.toUpperCase()).join(',');
    found.push(`${method} ${layer.route.path}`);
  }
  return found;
}

interface ExpressLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

function joinPath(base: string, path: string): string {
  const joined = `/${base}/${path}`.replace(/\/+/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

/** A concrete URL path for a route pattern (every :param a value that parses as a UUID, a number and a word). */
export function samplePath(path: string): string {
  return path.replace(/:[A-Za-z0-9_]+/g, '00000000-0000-4000-8000-000000000000').replace(/\*.*$/, 'x');
}
