import type { INestApplication, Type } from '@nestjs/common';
import SwaggerParser from '@apidevtools/swagger-parser';
import { METHODS } from 'http';
import { getMetadataStorage } from 'class-validator';
import { API_DOCS_PATH, BEARER_SCHEME, EVERY_METHOD, httpRoutesOf, OPENAPI_JSON_PATH, toOpenApiPath } from '@limye/platform';

type Json = Record<string, any>;

/**
 * What is wrong with a running service's API document, fetched over HTTP from `baseUrl` (empty when nothing):
 * - it is not valid OpenAPI 3 (the official schema, through @apidevtools/swagger-parser);
 * - a route of Express's router (every route Nest registered, read from the router itself, not from a list)
 *   is missing from it, as method + path;
 * - a route that takes a body has no request body, or a DTO property class-validator checks is missing
 *   from the body's schema or from the query parameters;
 * - an operation has no 2xx answer, or says nothing about who may call it (security or x-limye-public).
 */
export async function apiDocsProblems(app: INestApplication, baseUrl: string): Promise<string[]> {
  const res = await fetch(`${baseUrl}${OPENAPI_JSON_PATH}`);
  if (res.status !== 200) return [`GET ${OPENAPI_JSON_PATH} answered ${res.status}`];
  const doc = (await res.json()) as Json;
  const problems: string[] = [];
  try {
    // validate() dereferences its argument in place: give it a copy.
    await SwaggerParser.validate(structuredClone(doc) as never);
  } catch (err) {
    problems.push(`not valid OpenAPI: ${(err as Error).message}`);
  }
  if (!String(doc.openapi).startsWith('3.')) problems.push(`openapi is ${doc.openapi}, not 3.x`);

  for (const { method, path } of expressRoutes(app)) {
    const item = doc.paths?.[toOpenApiPath(path)] as Json | undefined;
    const methods = method === '_all' ? EVERY_METHOD : [method];
    if (!item || !methods.some((m) => item[m])) problems.push(`${method.toUpperCase()} ${path} is not in the document`);
  }

  for (const route of httpRoutesOf(app)) {
    for (const method of route.methods) {
      const op = doc.paths?.[route.openApiPath]?.[method] as Json | undefined;
      if (!op) continue; // reported above
      const name = `${method.toUpperCase()} ${route.path}`;
      if (route.bodyType || route.takesBody) {
        const content = op.requestBody?.content as Json | undefined;
        if (!content || Object.keys(content).length === 0) problems.push(`${name}: its request body has no schema`);
        else if (route.bodyType) {
          const schema = resolve(doc, Object.values(content)[0]?.schema);
          for (const p of missing(route.bodyType, Object.keys(schema?.properties ?? {}))) problems.push(`${name}: body property ${p} of ${route.bodyType.name} is not in its schema`);
        }
      }
      if (route.queryType) {
        const names = ((op.parameters ?? []) as Json[]).filter((p) => p.in === 'query').map((p) => p.name as string);
        for (const p of missing(route.queryType, names)) problems.push(`${name}: query parameter ${p} of ${route.queryType.name} is not documented`);
      }
      if (!Object.keys(op.responses ?? {}).some((s) => /^2\d\d$/.test(s))) problems.push(`${name}: no 2xx answer documented`);
      const secured = Array.isArray(op.security) && op.security.some((s: Json) => BEARER_SCHEME in s);
      if (!secured && op['x-limye-public'] === undefined) problems.push(`${name}: neither secured nor public`);
      if (secured && !Array.isArray(op['x-limye-roles'])) problems.push(`${name}: secured but names no roles`);
    }
  }
  return problems;
}

/** Every route in the app's Express router (method lower-case, `_all` for app.all/@All), the docs' own left out. */
export function expressRoutes(app: INestApplication): Array<{ method: string; path: string }> {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> } };
  return express.router.stack
    .filter((layer) => layer.route !== undefined && typeof layer.route.path === 'string')
    .flatMap((layer) => {
      const methods = Object.keys(layer.route!.methods);
      // router.all() (Nest's @All) lists every method Node knows: one route taking any method.
      const all = methods.includes('_all') || METHODS.every((m) => methods.includes(m.toLowerCase()));
      return (all ? ['_all'] : methods).map((method) => ({ method, path: layer.route!.path }));
    })
    .filter((r) => r.path !== OPENAPI_JSON_PATH && r.path !== API_DOCS_PATH && !r.path.startsWith(`${API_DOCS_PATH}/`));
}

/** The properties class-validator checks on `type` (with inherited ones) that `documented` lacks. */
function missing(type: Type<unknown>, documented: string[]): string[] {
  const validated = new Set(getMetadataStorage().getTargetValidationMetadatas(type, '', true, false).map((m) => m.propertyName));
  return [...validated].filter((p) => !documented.includes(p));
}

function resolve(doc: Json, schema: Json | undefined): Json | undefined {
  if (!schema?.$ref) return schema;
  return doc.components?.schemas?.[String(schema.$ref).replace('#/components/schemas/', '')];
}
