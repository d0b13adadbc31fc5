import type { INestApplication, LoggerService } from '@nestjs/common';
import { isUtf8 } from 'buffer';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'http';
import type { Socket } from 'net';
import { ErrorCodes, Headers } from '@limye/contracts';
import { newCorrelationId, runWithCorrelationId, sanitizeCorrelationId } from '../correlation/correlation';
import { logProblem, RETRY_AFTER_S, toProblem } from '../errors/all-exceptions.filter';
import { fieldError } from '../errors/validation';
import { httpRequestDuration } from '../metrics/metrics';
import { findUnsafeContent } from './body-content-guard';
import type { Request } from 'express';
import { RateLimitedError, RateLimiter, type RateLimitPolicy } from '../rate-limit/rate-limiter';
import { assertFastRoutesArePublic } from './fast-route-access';
import { BODY_TOO_DEEP_MESSAGE, MAX_BODY_DEPTH, nestsDeeperThan } from './body-depth';

/** The same limit as the platform's JSON parser (BODY_LIMIT, 64 kB). */
const FAST_BODY_LIMIT = 64 * 1024;

/** A JSON POST as a fast route's handler sees it: already read, parsed and checked as the platform checks bodies. */
export interface FastJsonRequest {
  readonly method: string;
  /** The path as sent (a fast route never sees a query string). */
  readonly url: string;
  /** The `:name` segments of the route's path. */
  readonly params: Readonly<Record<string, string>>;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
  readonly socket: Socket;
}

/** What a fast route answers: a status and a JSON body; null when it has answered nothing (its socket is gone). */
export type FastJsonReply = { status: number; body: unknown; headers?: Record<string, string> } | null;

export interface FastJsonRoute {
  method: 'POST';
  /** Express-style path: '/Api/v1/RetrieveTransactionPayment', '/sandbox/moncash/orders/:orderId/pay'. Also the metrics label. */
  path: string;
  /** Errors thrown are answered and logged as AllExceptionsFilter does (toProblem; a 503 with Retry-After). */
  handle(req: FastJsonRequest): FastJsonReply | Promise<FastJsonReply>;
}

interface CompiledRoute {
  route: FastJsonRoute;
  rateLimit?: { policy: RateLimitPolicy; limiter: RateLimiter };
  pattern: RegExp;
  names: string[];
}

/**
 * A few hot routes answered straight from Node's HTTP server, ahead of Express and Nest (their middleware
 * stack, router, guards, pipes and filters cost more CPU than the work of a small JSON call). Only the plain
 * case is taken: a POST with no query string whose body is `application/json` (UTF-8, no Content-Encoding) of a
 * known length within 64 kB. It gets what every route gets — the same 400s for malformed JSON, bytes that are
 * not UTF-8, a body nesting deeper than MAX_BODY_DEPTH, a NUL, a lone surrogate or a `__proto__`-like key; the
 * X-Correlation-Id echoed and run under; the HTTP duration metric. Every other request, on these paths too, goes
 * through Express and Nest as before, so odd input is answered exactly as the full pipeline answers it.
 * No guard runs for a fast route: each must be a @PublicRoute controller route's path (assertFastRoutesArePublic,
 * checked here, at start), and that route's @RateLimit, if any, is applied here before the handler. It runs under its correlation id and, as a public route, acts for no organisation
 * (currentOrganisationId undefined, as behind the correlation middleware before any principal).
 * Call after NestFactory.create (the server exists) and before listen.
 */
export function installFastJsonRoutes(app: INestApplication, routes: readonly FastJsonRoute[], logger?: LoggerService): void {
  if (routes.length === 0) return;
  const policies = assertFastRoutesArePublic(app, routes);
  // The controller route's @RateLimit is applied here, as its guard would (a flood of forged callbacks is the
  // fast route's usual attacker too).
  const limiter = policies.some(Boolean) ? app.get(RateLimiter, { strict: false }) : undefined;
  const compiled = routes.map((route, i) => compile(route, policies[i] && limiter ? { policy: policies[i]!, limiter } : undefined));
  const server = app.getHttpServer() as Server;
  const others = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const hit = req.method === 'POST' && plainJson(req) ? matchRoute(compiled, req.url ?? '') : null;
    if (!hit) {
      for (const listener of others) listener.call(server, req, res);
      return;
    }
    serve(hit.route, hit.params, req, res, logger);
  });
}

function compile(route: FastJsonRoute, rateLimit?: CompiledRoute['rateLimit']): CompiledRoute {
  const names: string[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(segment.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return { route, rateLimit, pattern: new RegExp(`^${source}/?$`), names };
}

function matchRoute(routes: readonly CompiledRoute[], url: string): { route: CompiledRoute; params: Record<string, string> } | null {
  if (url.includes('?')) return null;
  for (const r of routes) {
    const m = r.pattern.exec(url);
    if (!m) continue;
    const params: Record<string, string> = {};
    try {
      r.names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1])));
    } catch {
      return null; // a malformed %-escape: the full pipeline answers it
    }
    return { route: r, params };
  }
  return null;
}

/** application/json, in UTF-8 (or no charset), not encoded, of a known length between 1 byte and the limit. */
function plainJson(req: IncomingMessage): boolean {
  const h = req.headers;
  if (h['content-encoding'] !== undefined || h['transfer-encoding'] !== undefined) return false;
  const length = Number(h['content-length']);
  if (!(length > 0 && length <= FAST_BODY_LIMIT)) return false;
  const type = (h['content-type'] ?? '').toLowerCase().replace(/\s+/g, '');
  return type === 'application/json' || type === 'application/json;charset=utf-8' || type === 'application/json;charset="utf-8"';
}

function serve(compiled: CompiledRoute, params: Record<string, string>, req: IncomingMessage, res: ServerResponse, logger?: LoggerService): void {
  const { route, rateLimit } = compiled;
  const end = httpRequestDuration.startTimer();
  const correlationId = sanitizeCorrelationId(req.headers[Headers.correlationId]) ?? newCorrelationId();
  res.setHeader(Headers.correlationId, correlationId);
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('error', () => req.socket.destroy());
  req.on('end', () => {
    const answer = (reply: FastJsonReply) => {
      if (reply === null || res.headersSent || res.destroyed) return;
      const text = JSON.stringify(reply.body);
      res.writeHead(reply.status, { ...reply.headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
      res.end(text);
      end({ method: 'POST', route: route.path, status: String(reply.status) });
    };
    const fail = (err: unknown) => {
      const problem = toProblem(err);
      if (logger) logProblem(logger, err, problem);
      const retryAfter = problem.statusCode === 503 ? RETRY_AFTER_S : problem.statusCode === 429 ? problem.retryAfterSeconds : undefined;
      answer({ status: problem.statusCode, body: problem, ...(typeof retryAfter === 'number' ? { headers: { 'retry-after': String(retryAfter) } } : {}) });
    };
    const bytes = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
    const parsed = parseBody(bytes);
    if ('problem' in parsed) return answer(parsed.problem);
    runWithCorrelationId(correlationId, () => {
      try {
        const request: FastJsonRequest = { method: 'POST', url: req.url ?? '', params, headers: req.headers, body: parsed.body, socket: req.socket };
        if (rateLimit) {
          // The policy reads an Express request: the address from socket and headers, the account from body (or query: none here).
          const verdict = rateLimit.limiter.check(rateLimit.policy, request as unknown as Request);
          if (verdict.limited) throw new RateLimitedError(verdict.retryAfterSeconds, verdict.scope);
        }
        const reply = route.handle(request);
        if (reply instanceof Promise) reply.then(answer, fail);
        else answer(reply);
      } catch (err) {
        fail(err);
      }
    });
  });
}

/** The body as installBodyParsing reads it (express.json strict, then the depth and content guards), or the 400 it gives. */
function parseBody(bytes: Buffer): { body: unknown } | { problem: { status: number; body: unknown } } {
  const bad = (code: string, message: string) => ({ problem: { status: 400, body: { statusCode: 400, code, message } } });
  if (!isUtf8(bytes)) return bad(ErrorCodes.malformedJson, 'body is not valid UTF-8 (JSON must be UTF-8, RFC 8259)');
  const text = bytes.toString('utf8');
  // express.json is strict: only an object or an array (after leading whitespace) is a JSON body.
  const first = /^[\x20\x09\x0a\x0d]*(.)/.exec(text)?.[1];
  let body: unknown;
  try {
    if (first !== '{' && first !== '[') throw new SyntaxError('not an object or array');
    body = JSON.parse(text);
  } catch {
    return bad(ErrorCodes.malformedJson, 'body is not valid JSON');
  }
  if (nestsDeeperThan(body, MAX_BODY_DEPTH)) return bad(ErrorCodes.jsonTooDeep, BODY_TOO_DEEP_MESSAGE);
  const unsafe = findUnsafeContent(body);
  if (unsafe) {
    const problem = toProblem(fieldError(unsafe.field, unsafe.problem));
    return { problem: { status: problem.statusCode, body: problem } };
  }
  return { body };
}
