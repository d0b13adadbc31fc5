import { ArgumentsHost, LoggerService, ServiceUnavailableException } from '@nestjs/common';
import { DatabaseError } from 'pg';
import { DomainError, ErrorCodes } from '@limye/contracts';
import { AllExceptionsFilter, RETRY_AFTER_S } from './all-exceptions.filter';

/** An HTTP ArgumentsHost whose response records what the filter wrote. */
function httpHost() {
  const sent: { status?: number; headers: Record<string, string>; body?: unknown } = { headers: {} };
  const res = {
    headersSent: false,
    setHeader: (name: string, value: string) => (sent.headers[name.toLowerCase()] = value),
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: unknown) {
      sent.body = body;
      return this;
    },
  };
  const host = { getType: () => 'http', switchToHttp: () => ({ getResponse: () => res }) } as unknown as ArgumentsHost;
  return { host, sent };
}

function logger() {
  return { log: jest.fn(), warn: jest.fn(), error: jest.fn() } as unknown as LoggerService & { warn: jest.Mock; error: jest.Mock };
}

describe('AllExceptionsFilter', () => {
  it('answers PostgreSQL being away with 503, Retry-After and a JSON body, logged as a warning (not a bug)', () => {
    const log = logger();
    const { host, sent } = httpHost();
    const err = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    new AllExceptionsFilter(log).catch(err, host);
    expect(sent.status).toBe(503);
    expect(sent.headers['retry-after']).toBe(String(RETRY_AFTER_S));
    expect(sent.body).toEqual({ statusCode: 503, code: ErrorCodes.unavailable, message: 'the database is not reachable; try again shortly' });
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(log.error).not.toHaveBeenCalled();
  });

  it('a server shutting down mid-request is a 503 too', () => {
    const { host, sent } = httpHost();
    const err = new DatabaseError('terminating connection due to administrator command', 0, 'error');
    err.code = '57P01';
    new AllExceptionsFilter(logger()).catch(err, host);
    expect(sent.status).toBe(503);
  });

  it('any other unexpected error is still a 500, logged as an error with its stack, without Retry-After', () => {
    const log = logger();
    const { host, sent } = httpHost();
    new AllExceptionsFilter(log).catch(new TypeError('x is undefined'), host);
    expect(sent.status).toBe(500);
    expect(sent.headers['retry-after']).toBeUndefined();
    expect(log.error).toHaveBeenCalledTimes(1);
  });

  it('a 503 the code chose (a peer not reachable) also says when to try again', () => {
    const { host, sent } = httpHost();
    new AllExceptionsFilter(logger()).catch(new DomainError(ErrorCodes.unavailable, 'the customer registry is not reachable; try again', 503), host);
    expect(sent.status).toBe(503);
    expect(sent.headers['retry-after']).toBe(String(RETRY_AFTER_S));
  });

  it('a 503 an HttpException carries (the readiness probe saying "not ready") is an answer, not logged as an unhandled error', () => {
    const log = logger();
    const { host, sent } = httpHost();
    new AllExceptionsFilter(log).catch(new ServiceUnavailableException({ status: 'error', info: {}, error: { database: { status: 'down' } } }), host);
    expect(sent.status).toBe(503);
    expect(log.error).not.toHaveBeenCalled();
  });
});
