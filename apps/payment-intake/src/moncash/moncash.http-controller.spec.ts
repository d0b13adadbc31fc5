import 'reflect-metadata';
import { INestApplication, Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { AddressInfo } from 'net';
import { AllExceptionsFilter, createValidationPipe, installBodyParsing, installFastJsonRoutes, loadEnv, RateLimiter, SERVICE_ENV } from '@limye/platform';
import { IntakeEnv } from '../config/intake.env';
import { moncashAlertFastRoute } from './moncash-alert.fast-route';
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

/**
 * The alert's usual call (a JSON POST, no query string) is a fast route (moncash-alert.fast-route.ts): it must
 * record the same hint and evidence, and answer the same, as the controller does for the same request.
 */
describe('MonCash Alert URL: the fast route does what the controller does', () => {
  type Recorded = { source: string; hint: unknown; payload: unknown };
  async function start(fast: boolean, env: Record<string, string> = {}): Promise<{ app: INestApplication; base: string; recorded: Recorded[]; reachedExpress: string[] }> {
    const recorded: Recorded[] = [];
    const reachedExpress: string[] = [];
    const intake = {
      acceptHint: async (source: string, hint: { transactionId?: string }, payload: unknown) => {
        if (hint.transactionId === 'db-down') throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
        recorded.push({ source, hint, payload });
        return { paymentId: 'p1', state: 'RECEIVED' };
      },
    };
    const moduleRef = await Test.createTestingModule({
      controllers: [MonCashHttpController],
      providers: [{ provide: MonCashIntakeService, useValue: intake }, RateLimiter, { provide: SERVICE_ENV, useValue: loadEnv(IntakeEnv, env) }],
    }).compile();
    const app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
    app.use((req: { url: string }, _res: unknown, next: () => void) => {
      reachedExpress.push(req.url);
      next();
    });
    installBodyParsing(app, { bodyTypes: [{ path: '/v1/providers/moncash', accepts: 'any' }] });
    if (fast) installFastJsonRoutes(app, [moncashAlertFastRoute(app)]);
    app.useGlobalPipes(createValidationPipe());
    app.useGlobalFilters(new AllExceptionsFilter(new Logger('moncash-controller-spec')));
    await app.listen(0, '127.0.0.1');
    return { app, base: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`, recorded, reachedExpress };
  }
  let fast: Awaited<ReturnType<typeof start>>;
  let nest: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    fast = await start(true);
    nest = await start(false);
  });
  afterAll(async () => {
    await fast.app.close();
    await nest.app.close();
  });

  async function post(base: string, body: string): Promise<{ status: number; retryAfter: string | null; body: unknown }> {
    const res = await fetch(`${base}/v1/providers/moncash/alert`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() };
  }

  it.each([
    ['a transaction id', '{"transactionId":"123456789"}'],
    ['a numeric id and an order id', '{"transactionId":123456789,"orderId":"ORD-1","extra":{"x":[1]}}'],
    ['no id at all (400)', '{"note":"hello"}'],
    ['an array (400)', '[1,2]'],
    ['the database away (503 with Retry-After)', '{"transactionId":"db-down"}'],
    ['a lone surrogate (400)', '{"transactionId":"\\ud800"}'],
  ])('%s', async (_what, body) => {
    const before = fast.recorded.length;
    const viaFast = await post(fast.base, body);
    const viaNest = await post(nest.base, body);
    expect(viaFast).toEqual(viaNest);
    expect(fast.recorded.slice(before)).toEqual(nest.recorded.slice(before));
  });

  it("applies the controller route's rate limit as its guard does: the same 429, Retry-After and body, and nothing recorded", async () => {
    const tight = { MONCASH_CALLBACK_RATE_LIMIT_PER_PAYMENT: '1/min burst 1' };
    const limitedFast = await start(true, tight);
    const limitedNest = await start(false, tight);
    try {
      const answers = [];
      for (const app of [limitedFast, limitedNest]) {
        const first = await post(app.base, '{"transactionId":"777"}');
        const second = await post(app.base, '{"transactionId":"777"}');
        answers.push({ first: first.status, second, recorded: app.recorded.length, reachedExpress: app.reachedExpress.length });
      }
      expect(answers[0].first).toBe(200);
      expect(answers[0].second).toMatchObject({ status: 429, retryAfter: expect.stringMatching(/^[1-9]\d*$/), body: { code: 'RATE_LIMITED' } });
      expect(answers[0].recorded).toBe(1);
      expect(answers[0].reachedExpress).toBe(0); // refused by the fast route itself
      expect({ ...answers[0], reachedExpress: 0 }).toEqual({ ...answers[1], reachedExpress: 0 });
    } finally {
      await limitedFast.app.close();
      await limitedNest.app.close();
    }
  });

  it('is taken: the usual call never reaches Express; a query string or a form still does', async () => {
    fast.reachedExpress.length = 0;
    expect((await post(fast.base, '{"transactionId":"42"}')).status).toBe(200);
    expect(fast.reachedExpress).toEqual([]);
    await fetch(`${fast.base}/v1/providers/moncash/alert?transactionId=43`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    await fetch(`${fast.base}/v1/providers/moncash/alert`, { method: 'POST', body: new URLSearchParams({ transactionId: '44' }) });
    expect(fast.reachedExpress).toEqual(['/v1/providers/moncash/alert?transactionId=43', '/v1/providers/moncash/alert']);
    expect(fast.recorded.slice(-2).map((r) => r.hint)).toEqual([expect.objectContaining({ transactionId: '43' }), expect.objectContaining({ transactionId: '44' })]);
  });
});
