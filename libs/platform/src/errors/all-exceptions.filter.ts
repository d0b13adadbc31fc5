import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, LoggerService } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import type { Response } from 'express';
import { throwError } from 'rxjs';
import { DomainError, ErrorCodes, RpcErrorBody } from '@limye/contracts';
import { isDatabaseUnavailable } from '../database/database-unavailable';

interface HttpProblem {
  statusCode: number;
  code: string;
  message: string;
  [extra: string]: unknown;
}

/** Seconds a 503 asks the caller to wait (Retry-After): about what a restarted PostgreSQL needs. */
export const RETRY_AFTER_S = 5;

const STATUS_CODES: Record<number, string> = {
  400: ErrorCodes.validationFailed,
  401: ErrorCodes.unauthorized,
  404: ErrorCodes.notFound,
  409: ErrorCodes.conflict,
  413: ErrorCodes.payloadTooLarge,
};

/** Turns any error into the caller's shape: `{statusCode, code, message}` over HTTP, `{code, message}` over NATS. */
export function toProblem(exception: unknown): HttpProblem {
  if (exception instanceof DomainError) {
    return { statusCode: exception.httpStatus, code: exception.code, message: exception.message, ...(exception.details ?? {}) };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse();
    if (typeof body === 'object' && body !== null) {
      const b = body as Record<string, unknown>;
      const message = Array.isArray(b.message) ? b.message.join('; ') : String(b.message ?? exception.message);
      // Nest's own bodies carry `error: "Bad Request"`; drop that, but keep structured ones (health checks).
      const { statusCode: _s, error, ...rest } = b;
      const kept = typeof error === 'string' || error === undefined ? rest : { ...rest, error };
      if (b.status !== undefined && b.message === undefined) return { ...kept, statusCode: status, code: String(b.code ?? `HTTP_${status}`), message: status === 503 ? 'not ready' : exception.message };
      return { ...kept, statusCode: status, code: String(b.code ?? STATUS_CODES[status] ?? `HTTP_${status}`), message };
    }
    return { statusCode: status, code: STATUS_CODES[status] ?? `HTTP_${status}`, message: String(body) };
  }
  if (exception instanceof RpcException) {
    const err = exception.getError();
    if (typeof err === 'object' && err !== null && 'code' in err) {
      const e = err as RpcErrorBody;
      return { statusCode: 502, code: e.code, message: e.message };
    }
  }
  if (isDatabaseUnavailable(exception)) {
    // Not a bug: PostgreSQL is stopped or restarting. The caller (a provider's callback, say) tries again.
    return { statusCode: HttpStatus.SERVICE_UNAVAILABLE, code: ErrorCodes.unavailable, message: 'the database is not reachable; try again shortly' };
  }
  return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, code: ErrorCodes.internal, message: 'internal error' };
}

/**
 * Logs what `problem` answers for `exception` as the filter does: a 500 is a bug, logged with its stack; the
 * database away is a warning. A DomainError or HttpException of 5xx is an answer the code chose (a peer away,
 * /health/ready saying "not ready" on every probe during an outage), not a bug: nothing logged for those.
 */
export function logProblem(logger: LoggerService, exception: unknown, problem: HttpProblem): void {
  if (problem.statusCode < 500 || exception instanceof DomainError || exception instanceof HttpException) return;
  const err = exception as Error;
  if (isDatabaseUnavailable(exception)) logger.warn({ msg: 'database not reachable, answered 503', error: err?.message }, 'AllExceptionsFilter');
  else logger.error({ msg: 'unhandled error', error: err?.message, stack: err?.stack }, 'AllExceptionsFilter');
}

/**
 * The one filter of every service. A 500 is a bug, so it is logged with its stack; everything else is
 * an answer to the caller. A 503 carries Retry-After; the database being away is logged as a warning.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(private readonly logger: LoggerService) {}

  catch(exception: unknown, host: ArgumentsHost) {
    const problem = toProblem(exception);
    logProblem(this.logger, exception, problem);
    if (host.getType() === 'rpc') {
      const body: RpcErrorBody = { code: problem.code, message: problem.message };
      return throwError(() => body);
    }
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    if (problem.statusCode === HttpStatus.SERVICE_UNAVAILABLE) res.setHeader('Retry-After', String(RETRY_AFTER_S));
    if (problem.statusCode === HttpStatus.TOO_MANY_REQUESTS && typeof problem.retryAfterSeconds === 'number') res.setHeader('Retry-After', String(problem.retryAfterSeconds));
    res.status(problem.statusCode).json(problem);
  }
}
