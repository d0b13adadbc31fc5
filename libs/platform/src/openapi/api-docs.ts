import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ROLES } from '../auth/roles';
import { AcceptedBodies, BodyTypeRule, JSON_ONLY } from '../http/body-media-type';
import { ERROR_SCHEMA_REF, ErrorBody } from './error-body';
import { HttpRoute, httpRoutesOf } from './http-routes';

/** What a service says about itself at the top of its document; everything else comes from its code. */
export interface ApiDocsInfo {
  title: string;
  /** Markdown: who calls the service and what for. The platform adds what every service shares. */
  description: string;
  /** Set only by a service none of whose routes needs a token (the sandbox): why, shown on every operation. */
  everyRoutePublic?: string;
}

/** Where every service serves its document and its browsable page. Neither needs a token. */
export const OPENAPI_JSON_PATH = '/openapi.json';
export const API_DOCS_PATH = '/docs';
export const BEARER_SCHEME = 'bearerAuth';

const SHARED_DESCRIPTION = `

---
Generated at start from the service's controllers and DTOs (\`GET ${OPENAPI_JSON_PATH}\`, browsable at \`GET ${API_DOCS_PATH}\`).

**Access.** Operator routes need \`Authorization: Bearer <access token>\` (scheme \`${BEARER_SCHEME}\`): a JWT from customer-registry's \`POST /v1/auth/token\` or from the deployment's own OpenID Connect provider (docs/access.md). Each such operation lists the roles that may call it in \`x-limye-roles\` and in its description; a missing or bad token is a 401, a role that may not is a 403. Public operations (health, metrics, provider callbacks, USSD gateways, the token endpoint, the sandbox) say why they are public (\`x-limye-public\`) and carry no security.

**Errors** are always JSON, \`{statusCode, code, message}\` (schema \`Error\`), plus \`fields\` when a request did not validate. Unknown body fields and unknown query parameters are a 400. Bodies are at most 64 kB (413) and 32 levels deep (400 \`JSON_TOO_DEEP\`); POST/PUT/PATCH bodies are \`application/json\` unless a route says otherwise (415). A 503 carries \`Retry-After\`. Every answer carries \`x-correlation-id\` (the caller's own if it matches \`^[A-Za-z0-9._:-]{1,128}$\`, else a new UUID), also on every log line of the request.

**Money** is integer minor units (\`…Minor\`, e.g. HTG centimes) beside an ISO 4217 \`currency\`, unless a field says it is in major units.`;

const COMMON_ERRORS = {
  400: 'VALIDATION_FAILED: a field is missing or wrong (`fields` names it), or an unknown field or query parameter; MALFORMED_JSON: the body is not JSON (or not UTF-8); JSON_TOO_DEEP: it nests deeper than 32 levels.',
  400.1: 'VALIDATION_FAILED: a path or query parameter is wrong (`fields` names it), or an unknown query parameter.',
  401: 'UNAUTHORIZED: no bearer token, or one that is expired, forged, revoked, or for another issuer or audience.',
  403: 'FORBIDDEN: the token is good, but its role may not do this (the message says which roles may).',
  413: 'PAYLOAD_TOO_LARGE: the body is above 64 kB.',
  415: 'UNSUPPORTED_MEDIA_TYPE: the body is not one of the types the route takes (`accepted` lists them), or JSON in a charset other than UTF-8.',
  503: 'UNAVAILABLE: the database (or a peer service, or the token issuer\'s keys) cannot be reached; try again after `Retry-After` seconds.',
} as const;

/**
 * Builds the service's OpenAPI 3 document from its controllers and DTOs and serves it at /openapi.json, with
 * Swagger UI at /docs (its assets from swagger-ui-dist, served by the service itself: no CDN, works offline).
 * Both are plain routes of the HTTP adapter, not Nest controllers, so no guard, interceptor or pipe runs for
 * them: the authentication guard cannot refuse them. Call after the app is created, before it listens.
 */
export function setupApiDocs(app: INestApplication, info: ApiDocsInfo, bodyTypes: BodyTypeRule[] = []): OpenAPIObject {
  const document = buildApiDocument(app, info, bodyTypes);
  SwaggerModule.setup(API_DOCS_PATH, app, document, {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    raw: ['json'],
    customSiteTitle: info.title,
    // The default badge asks validator.swagger.io about the document: nothing leaves the page.
    swaggerOptions: { validatorUrl: 'none', persistAuthorization: false },
  });
  return document;
}

/** The document alone (the scan, then who may call what and the common errors). */
export function buildApiDocument(app: INestApplication, info: ApiDocsInfo, bodyTypes: BodyTypeRule[] = []): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(info.title)
    .setDescription(info.description.trim() + SHARED_DESCRIPTION)
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'An access token (RS256/ES256 JWT with a `kid`).' }, BEARER_SCHEME)
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ErrorBody] });
  for (const route of httpRoutesOf(app)) {
    const pathItem = document.paths[route.openApiPath] as Record<string, OperationLike> | undefined;
    if (!pathItem) continue;
    // An @All route is scanned as every method: keep those it takes (@AllowedMethods).
    for (const method of Object.keys(pathItem)) {
      if (isScannedAllRoute(pathItem[method], route) && !route.methods.includes(method)) delete pathItem[method];
    }
    for (const method of route.methods) {
      const operation = pathItem[method];
      if (operation) describeAccess(operation, route, acceptedBodies(route.path, bodyTypes), info.everyRoutePublic);
    }
  }
  return document;
}

interface OperationLike {
  operationId?: string;
  description?: string;
  requestBody?: unknown;
  responses: Record<string, unknown>;
  security?: Array<Record<string, string[]>>;
  [extension: `x-${string}`]: unknown;
}

function isScannedAllRoute(operation: OperationLike | undefined, route: HttpRoute): boolean {
  return operation?.operationId?.startsWith(`${route.controller.name}_${route.handlerName}_`) ?? false;
}

/** Who may call the operation (from @PublicRoute / @RequireRoles) and the errors every such route can answer. */
function describeAccess(operation: OperationLike, route: HttpRoute, accepted: AcceptedBodies, everyRoutePublic?: string): void {
  const add = (status: number, description: string) => {
    operation.responses[String(status)] ??= { description, content: { 'application/json': { schema: { $ref: ERROR_SCHEMA_REF } } } };
  };
  const hasBody = route.takesBody || operation.requestBody !== undefined;
  if (hasBody) {
    add(400, COMMON_ERRORS[400]);
    add(413, COMMON_ERRORS[413]);
    if (accepted !== 'any') add(415, COMMON_ERRORS[415]);
  } else if (route.takesInput) {
    add(400, COMMON_ERRORS[400.1]);
  }
  const publicReason = route.publicReason ?? everyRoutePublic;
  if (publicReason !== undefined) {
    operation.security = [];
    operation['x-limye-public'] = publicReason;
    operation.description = joinText(operation.description, `**Public** (no token): ${publicReason}.`);
    return;
  }
  const roles = route.roles ?? [...ROLES];
  operation.security = [{ [BEARER_SCHEME]: [] }];
  operation['x-limye-roles'] = roles;
  operation.description = joinText(
    operation.description,
    route.roles ? `**Roles:** ${roles.map((r) => `\`${r}\``).join(', ')}.` : '**Roles:** any signed-in role of the organisation.',
  );
  add(401, COMMON_ERRORS[401]);
  add(403, COMMON_ERRORS[403]);
  add(503, COMMON_ERRORS[503]);
}

function acceptedBodies(path: string, rules: BodyTypeRule[]): AcceptedBodies {
  return rules.find((r) => path === r.path || path.startsWith(`${r.path}/`))?.accepts ?? JSON_ONLY;
}

function joinText(first: string | undefined, second: string): string {
  return first ? `${first}\n\n${second}` : second;
}
