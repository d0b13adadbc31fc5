import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { readdirSync } from 'fs';
import * as path from 'path';
import { bootstrapService, BaseServiceEnv, PublicRoute, RequireRoles, ServiceDefinition } from '@limye/platform';
import { http, InProcessService, registeredRoutes, routeAccessOf, RouteAccess, samplePath, startServiceInProcess } from '@limye/testing';

/**
 * Every HTTP route of every service, as its Nest app registers it (not a hand list): each service in apps/
 * is found by its *.service-definition.ts, started in-process, and its controllers' routes read back.
 * A route must say who may call it (@RequireRoles) or why anyone may (@PublicRoute), and an operator route
 * must answer 401 to a caller without a token.
 */
const APPS = path.join(__dirname, '..', 'apps');
const definitions: Array<{ file: string; def: ServiceDefinition<BaseServiceEnv> }> = readdirSync(APPS, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(path.join(APPS, d.name, 'src')).filter((f) => f.endsWith('.service-definition.ts')).map((f) => path.join(d.name, 'src', f)))
  .map((file) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = Object.values(require(path.join(APPS, file)) as Record<string, unknown>);
    const def = exported.find((v): v is ServiceDefinition<BaseServiceEnv> => typeof v === 'object' && v !== null && 'rootModule' in v && 'envClass' in v);
    if (!def) throw new Error(`${file} exports no ServiceDefinition`);
    return { file, def };
  });

/** What is wrong with the routes' declarations: every route names its roles or why it is public. */
function undeclared(routes: RouteAccess[]): string[] {
  return routes.filter((r) => r.publicReason === undefined && !r.roles?.length).map((r) => `${r.method} ${r.path} (${r.handler})`);
}

const requestMethod = (m: string) => (m === 'ALL' ? 'GET' : m);

it('finds every service of apps/', () => {
  expect(definitions.map((d) => d.def.name).sort()).toEqual(readdirSync(APPS, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort());
});

describe.each(definitions.map((d) => [d.def.name, d.def] as const))('%s: every HTTP route', (_name, def) => {
  let svc: InProcessService;
  let routes: RouteAccess[];

  beforeAll(async () => {
    svc = await startServiceInProcess(def, { LOG_LEVEL: 'silent', MONCASH_ALERT_URL: 'http://127.0.0.1:9/alert' });
    routes = routeAccessOf(svc.app);
  });
  afterAll(() => svc?.close());

  it('is read from the controllers, and the controllers are all Express serves', () => {
    expect(routes.length).toBeGreaterThan(0);
    const fromMetadata = routes.map((r) => `${r.method} ${r.path}`).sort();
    expect([...new Set(registeredRoutes(svc.app))].sort()).toEqual([...new Set(fromMetadata)].sort());
  });

  it('names its roles (@RequireRoles) or why it is public (@PublicRoute)', () => {
    expect(undeclared(routes)).toEqual([]);
  });

  it('answers 401 with WWW-Authenticate and the JSON error body without a token, unless public', async () => {
    const operator = routes.filter((r) => r.publicReason === undefined);
    const answers = [];
    for (const r of operator) {
      const method = requestMethod(r.method);
      const res = await http(method, svc.url + samplePath(r.path), method === 'GET' || method === 'DELETE' ? undefined : {}, { authorization: '' });
      answers.push({ route: `${r.method} ${r.path}`, status: res.status, code: res.body?.code, challenge: res.headers.get('www-authenticate') });
    }
    expect(answers).toEqual(operator.map((r) => ({ route: `${r.method} ${r.path}`, status: 401, code: 'UNAUTHORIZED', challenge: 'Bearer' })));
  });
});

describe('the route walk itself', () => {
  @Controller('v1/walk')
  class WalkController {
    @Get('declared')
    @RequireRoles('owner')
    declared() {
      return {};
    }

    @Get('forgotten')
    forgotten() {
      return {};
    }

    @Get('open')
    @PublicRoute('a test of the walk')
    open() {
      return {};
    }
  }
  @Module({ controllers: [WalkController] })
  class WalkModule {}

  it('names a route with neither @RequireRoles nor @PublicRoute, and only that one', async () => {
    const app = await bootstrapService(
      { name: 'walk', envClass: BaseServiceEnv, port: () => 0, rootModule: () => WalkModule, nats: false },
      { inTest: true, envSource: { HOST: '127.0.0.1', LOG_LEVEL: 'silent', NODE_ENV: 'test' } },
    );
    try {
      const routes = routeAccessOf(app);
      expect(routes.map((r) => `${r.method} ${r.path}`).sort()).toEqual(['GET /v1/walk/declared', 'GET /v1/walk/forgotten', 'GET /v1/walk/open']);
      expect(undeclared(routes)).toEqual(['GET /v1/walk/forgotten (WalkController.forgotten)']);
      expect(registeredRoutes(app).sort()).toEqual(['GET /v1/walk/declared', 'GET /v1/walk/forgotten', 'GET /v1/walk/open']);
    } finally {
      await app.close();
    }
  });
});
