import 'reflect-metadata';
import { INestApplication, Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { AddressInfo } from 'net';
import { AllExceptionsFilter, createValidationPipe, installBodyParsing, loadEnv, RateLimiter, SERVICE_ENV } from '@limye/platform';
import { IntakeEnv } from '../config/intake.env';
import { MonCashIntakeService } from './moncash-intake.service';
import { MonCashHttpController } from './moncash.http-controller';

/** The MonCash callbacks in a real Nest app on a loopback port, the intake service replaced by a recorder. */
describe('MonCash Alert and Return URLs: GET and POST only', () => {
  let app: INestApplication;
  let base: string;
  const hints: string[] = [];

  beforeAll(async () => {
    const intake = {
      acceptHint: async (source: string) => {
        hints.push(source);
        return { paymentId: 'p1', state: 'RECEIVED' };
      },
    };
    const moduleRef = await Test.createTestingModule({
      controllers: [MonCashHttpController],
      providers: [
        { provide: MonCashIntakeService, useValue: intake },
        // The callbacks' rate limits (RateLimit), at their defaults.
        RateLimiter,
        { provide: SERVICE_ENV, useValue: loadEnv(IntakeEnv, {}) },
      ],
    }).compile();
    app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
    installBodyParsing(app, { bodyTypes: [{ path: '/v1/providers/moncash', accepts: 'any' }] });
    app.useGlobalPipes(createValidationPipe());
    app.useGlobalFilters(new AllExceptionsFilter(new Logger('moncash-controller-spec')));
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => app.close());
  beforeEach(() => (hints.length = 0));

  it.each(['alert', 'return'])('takes GET and POST on the %s URL', async (route) => {
    expect((await fetch(`${base}/v1/providers/moncash/${route}?transactionId=7&format=json`)).status).toBe(200);
    expect((await fetch(`${base}/v1/providers/moncash/${route}?format=json`, { method: 'POST', body: new URLSearchParams({ transactionId: '7' }) })).status).toBe(200);
    expect(hints).toEqual([route, route]);
  });

  it.each(['HEAD', 'OPTIONS', 'DELETE', 'PUT', 'PATCH', 'PROPFIND'])('answers %s with 405 and Allow: GET, POST, and records no hint', async (method) => {
    for (const route of ['alert', 'return']) {
      const res = await fetch(`${base}/v1/providers/moncash/${route}?transactionId=7`, { method });
      expect({ route, status: res.status, allow: res.headers.get('allow') }).toEqual({ route, status: 405, allow: 'GET, POST' });
      if (method !== 'HEAD') {
        expect(await res.json()).toEqual({ statusCode: 405, code: 'METHOD_NOT_ALLOWED', message: `${method} is not allowed here; use GET or POST` });
      }
    }
    expect(hints).toEqual([]);
  });
});
