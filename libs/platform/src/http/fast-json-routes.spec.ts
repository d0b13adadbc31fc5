import 'reflect-metadata';
import { Body, Controller, INestApplication, Logger, Module, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { AddressInfo } from 'net';
import { correlationMiddleware } from '../correlation/correlation.middleware';
import { currentCorrelationId } from '../correlation/correlation';
import { AllExceptionsFilter } from '../errors/all-exceptions.filter';
import { createValidationPipe } from '../errors/validation';
import { PublicRoute, RequireRoles } from '../auth/roles';
import { currentOrganisationId } from '../tenancy/organisation-context';
import { FORM_MEDIA_TYPE, JSON_MEDIA_TYPE } from './body-media-type';
import { installBodyParsing } from './body-parsing';
import { FastJsonRoute, installFastJsonRoutes } from './fast-json-routes';

/** The same route as a Nest controller: what a request the fast route does not take gets. */
@Controller()
class ThingsController {
  @Post('v1/things/:id')
  @PublicRoute('a test route')
  post(@Param('id') id: string, @Body() body: unknown, @Query() query: unknown): unknown {
    if (id === 'missing') throw new NotFoundException('no thing missing');
    return { by: 'nest', id, body: body ?? null, query };
  }
}

/** A route that needs a token: no fast route may stand in front of it (the guard would not run). */
@Controller()
class GuardedController {
  @Post('v1/guarded')
  @RequireRoles('admin')
  post(): unknown {
    return { by: 'nest' };
  }
}

@Module({ controllers: [ThingsController, GuardedController] })
class ThingsModule {}

const fastThings: FastJsonRoute = {
  method: 'POST',
  path: '/v1/things/:id',
  handle: (req) => {
    if (req.params.id === 'missing') throw new NotFoundException('no thing missing');
    if (req.params.id === 'later') return Promise.resolve({ status: 202, body: { by: 'fast', later: true } });
    return { status: 201, body: { by: 'fast', id: req.params.id, body: req.body, correlationId: currentCorrelationId(), organisationId: currentOrganisationId() ?? null } };
  },
};

async function start(routes: FastJsonRoute[]): Promise<{ app: INestApplication; base: string }> {
  const moduleRef = await Test.createTestingModule({ imports: [ThingsModule] }).compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
  app.use(correlationMiddleware);
  installBodyParsing(app, { bodyTypes: [{ path: '/v1/things', accepts: [JSON_MEDIA_TYPE, FORM_MEDIA_TYPE] }] });
  installFastJsonRoutes(app, routes);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter(new Logger('fast-json-routes-spec')));
  await app.listen(0, '127.0.0.1');
  return { app, base: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}` };
}

describe('installFastJsonRoutes over HTTP', () => {
  let fast: { app: INestApplication; base: string };
  let nest: { app: INestApplication; base: string };

  beforeAll(async () => {
    fast = await start([fastThings]);
    nest = await start([]);
  });

  afterAll(async () => {
    await fast.app.close();
    await nest.app.close();
  });

  async function call(base: string, path: string, init: RequestInit): Promise<{ status: number; body: any; correlationId: string | null }> {
    const res = await fetch(base + path, init);
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, correlationId: res.headers.get('x-correlation-id') };
  }
  const json = (raw: string | Buffer, headers: Record<string, string> = {}): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: raw });

  it('answers a plain JSON POST itself, with its path parameters, under the caller\'s correlation id', async () => {
    const res = await call(fast.base, '/v1/things/a%20b', json('{"n":1}', { 'x-correlation-id': 'corr-123' }));
    expect(res).toEqual({ status: 201, body: { by: 'fast', id: 'a b', body: { n: 1 }, correlationId: 'corr-123', organisationId: null }, correlationId: 'corr-123' });
    expect((await call(fast.base, '/v1/things/later', json('{}'))).body).toEqual({ by: 'fast', later: true });
    // Without one a correlation id is made, as correlationMiddleware does.
    expect((await call(fast.base, '/v1/things/x', json('{}'))).correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('leaves every other request to Express and Nest: a query string, a form, no body, another path', async () => {
    expect((await call(fast.base, '/v1/things/x?q=1', json('{"n":1}'))).body).toEqual({ by: 'nest', id: 'x', body: { n: 1 }, query: { q: '1' } });
    expect((await call(fast.base, '/v1/things/x', { method: 'POST', headers: { 'content-type': FORM_MEDIA_TYPE }, body: 'n=1' })).body.by).toBe('nest');
    expect((await call(fast.base, '/v1/things/x', { method: 'POST' })).body.by).toBe('nest');
    expect((await call(fast.base, '/v1/things/x', json('{"n":1}', { 'content-type': 'application/json; charset=utf-16' }))).status).toBe(415);
    expect((await call(fast.base, '/v1/things/x/more', json('{}'))).status).toBe(404);
  });

  // Bodies the platform refuses: the fast route must refuse them with exactly the full pipeline's answer.
  const refused: Array<[string, string | Buffer]> = [
    ['malformed JSON', '{"n":'],
    ['a JSON scalar (express.json is strict)', '"text"'],
    ['bytes that are not UTF-8', Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d])],
    ['a body nesting 40 levels', '['.repeat(40) + ']'.repeat(40)],
    ['a NUL in a value', '{"name":"a\\u0000b"}'],
    ['a lone surrogate in a key', '{"a\\ud800":1}'],
    ['a __proto__ key', '{"__proto__":{"x":1}}'],
    ['a constructor key, nested', '{"items":[{"constructor":1}]}'],
  ];
  it.each(refused)('refuses %s exactly as the full pipeline does', async (_what, raw) => {
    const viaFast = await call(fast.base, '/v1/things/x', json(raw));
    const viaNest = await call(nest.base, '/v1/things/x', json(raw));
    expect(viaFast.status).toBeGreaterThanOrEqual(400);
    expect({ status: viaFast.status, body: viaFast.body }).toEqual({ status: viaNest.status, body: viaNest.body });
  });

  it('answers an exception thrown by the handler in the platform\'s error format, as the filter does', async () => {
    const viaFast = await call(fast.base, '/v1/things/missing', json('{}'));
    const viaNest = await call(nest.base, '/v1/things/missing', json('{}'));
    expect(viaFast.status).toBe(404);
    expect(viaFast.body).toEqual(viaNest.body);
  });

  it('refuses a body over 64 kB through the full pipeline (413)', async () => {
    const big = JSON.stringify({ s: 'x'.repeat(70 * 1024) });
    expect((await call(fast.base, '/v1/things/x', json(big))).status).toBe(413);
  });

  it('acts for no organisation, whatever organisation header the caller sends (a public route has no principal)', async () => {
    const res = await call(fast.base, '/v1/things/x', json('{}', { 'limye-organisation': '0b7d4f6e-2a1c-4e5b-9f3a-6c8d2e1f0a97' }));
    expect(res.body).toMatchObject({ by: 'fast', organisationId: null });
  });

  it('refuses at start a fast route in front of a route that needs a token, or of no controller route at all', async () => {
    const handle = () => ({ status: 200, body: {} });
    await expect(start([{ method: 'POST', path: '/v1/guarded', handle }])).rejects.toThrow('GuardedController.post is not a @PublicRoute');
    await expect(start([{ method: 'POST', path: '/v1/elsewhere', handle }])).rejects.toThrow('is not a controller route');
  });
});
