import 'reflect-metadata';
import { Controller, Get, INestApplication, Module, Post } from '@nestjs/common';
import { createHmac, generateKeyPairSync } from 'crypto';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { authHeader, CapturingLogger, http as request, testAuthEnv, testJwks, testToken } from '@limye/testing';
import { bootstrapService, ServiceDefinition } from '../bootstrap/bootstrap-service';
import { BaseServiceEnv } from '../config/env';
import { ACCESS } from './access-rules';
import { Caller, DEFAULT_ORGANISATION_ID, Principal } from './principal';
import { PublicRoute, RequireRoles } from './roles';
import { AuthenticationGuard } from './authentication.guard';
import { TokenVerifier } from './token-verifier';

@Controller('probe')
class ProbeController {
  @Get('public')
  @PublicRoute('the test of a public route')
  open() {
    return { open: true };
  }

  @Get('payments')
  @RequireRoles(...ACCESS.paymentsRead)
  payments(@Caller() caller: Principal) {
    return { caller };
  }

  @Post('payments/retry')
  @RequireRoles(...ACCESS.paymentsOperate)
  retry() {
    return { retried: true };
  }

  @Get('undeclared')
  undeclared() {
    return { reached: true };
  }
}

@PublicRoute('a whole public controller')
@Controller('open')
class OpenController {
  @Get()
  open() {
    return { open: true };
  }
}

@Module({ controllers: [ProbeController, OpenController] })
class ProbeModule {}

const probeService: ServiceDefinition<BaseServiceEnv & { PROBE_PORT: number }> = {
  name: 'auth-probe',
  envClass: class extends BaseServiceEnv {
    PROBE_PORT = 0;
  },
  port: () => 0,
  rootModule: () => ProbeModule,
  nats: false,
};

async function start(env: Record<string, string>): Promise<{ app: INestApplication; base: string }> {
  const app = await bootstrapService(probeService, { inTest: true, envSource: { HOST: '127.0.0.1', NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env } });
  return { app, base: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}` };
}

const b64url = (v: object | string) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

/** A JWT signed (or not) by hand, for the forms jose would never make. */
function handMade(header: object, payload: object, sign: (input: string) => string): string {
  const input = `${b64url(header)}.${b64url(payload)}`;
  return `${input}.${sign(input)}`;
}

const validClaims = () => ({
  iss: 'limye', aud: 'limye-api', sub: 'intruder', org: DEFAULT_ORGANISATION_ID, role: 'owner', act: 'user',
  iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 600,
});

describe('AuthenticationGuard over HTTP (bootstrapService, AUTH_JWKS inline)', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    ({ app, base } = await start(testAuthEnv()));
  });
  afterAll(() => app?.close());

  const expect401 = async (authorization: string, message: RegExp) => {
    const res = await request('GET', `${base}/probe/payments`, undefined, { authorization });
    expect({ status: res.status, code: res.body?.code }).toEqual({ status: 401, code: 'UNAUTHORIZED' });
    expect(res.body).toMatchObject({ statusCode: 401, message: expect.stringMatching(message) });
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
  };

  it('lets a valid token in and sets the principal @Caller() reads', async () => {
    const res = await request('GET', `${base}/probe/payments`, undefined, await authHeader({ role: 'finance', subject: 'user-7' }));
    expect(res.status).toBe(200);
    expect(res.body.caller).toEqual({ subject: 'user-7', organisationId: DEFAULT_ORGANISATION_ID, role: 'finance', actorKind: 'user' });
  });

  it('answers public routes (on the method or the controller) without a token', async () => {
    expect((await request('GET', `${base}/probe/public`, undefined, { authorization: '' })).status).toBe(200);
    expect((await request('GET', `${base}/open`, undefined, { authorization: '' })).status).toBe(200);
    expect((await request('GET', `${base}/health/live`, undefined, { authorization: '' })).status).not.toBe(401);
  });

  it('401 without a token, or with another scheme', async () => {
    await expect401('', /bearer token is required/);
    await expect401('Basic dXNlcjpwYXNz', /bearer token is required/);
    await expect401('Bearer', /bearer token is required/);
  });

  it('401 for garbage', async () => {
    await expect401('Bearer not-a-jwt', /not a well-formed JWT|could not be verified/);
    await expect401('Bearer aaa.bbb.ccc', /./);
  });

  it('401 for an expired token (beyond the 30 s tolerance)', async () => {
    await expect401(`Bearer ${await testToken({ expiresIn: -120 })}`, /expired/);
  });

  it('tolerates a few seconds of clock difference', async () => {
    const res = await request('GET', `${base}/probe/payments`, undefined, await authHeader({ expiresIn: -5 }));
    expect(res.status).toBe(200);
  });

  it('401 for a wrong audience or a wrong issuer', async () => {
    await expect401(`Bearer ${await testToken({ audience: 'another-api' })}`, /aud/);
    await expect401(`Bearer ${await testToken({ issuer: 'https://evil.example' })}`, /iss/);
  });

  it('401 for alg none', async () => {
    await expect401(`Bearer ${handMade({ alg: 'none', typ: 'JWT' }, validClaims(), () => '')}`, /./);
  });

  it('401 for HS256 signed with the public key as the HMAC secret', async () => {
    const publicJwk = testJwks().keys[0];
    for (const secret of [JSON.stringify(publicJwk), String(publicJwk.x), `${publicJwk.x}${publicJwk.y}`]) {
      const forged = handMade({ alg: 'HS256', typ: 'JWT', kid: publicJwk.kid }, validClaims(), (input) => createHmac('sha256', secret).update(input).digest('base64url'));
      await expect401(`Bearer ${forged}`, /alg is not accepted/);
    }
  });

  it('401 for a token signed by another key (same kid, or an unknown kid)', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const { SignJWT } = await import('jose');
    for (const kid of [String(testJwks().keys[0].kid), 'unknown-kid']) {
      const token = await new SignJWT({ org: DEFAULT_ORGANISATION_ID, role: 'owner' }).setProtectedHeader({ alg: 'ES256', kid })
        .setIssuer('limye').setAudience('limye-api').setSubject('x').setExpirationTime('5m').sign(privateKey);
      await expect401(`Bearer ${token}`, kid === 'unknown-kid' ? /no key of the issuer matches/ : /signature is not valid/);
    }
  });

  it('401 without sub, org or role, with an org that is not a uuid, or a role nobody has', async () => {
    await expect401(`Bearer ${await testToken({ claims: { org: undefined } })}`, /organisation/);
    await expect401(`Bearer ${await testToken({ claims: { org: 'acme' } })}`, /organisation/);
    await expect401(`Bearer ${await testToken({ claims: { role: undefined } })}`, /role/);
    await expect401(`Bearer ${await testToken({ role: 'superuser' })}`, /role/);
    await expect401(`Bearer ${await testToken({ subject: '' })}`, /sub/);
  });

  it('403 for a role the route does not allow (a field user retrying a payment), with the JSON error body', async () => {
    const res = await request('POST', `${base}/probe/payments/retry`, {}, await authHeader({ role: 'field' }));
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN', message: expect.stringMatching(/field may not call POST .*owner, admin, finance/) });
    expect((await request('POST', `${base}/probe/payments/retry`, {}, await authHeader({ role: 'finance' }))).status).toBe(201);
  });

  it('403 for everyone on a route that declares no roles, owner included (fail closed)', async () => {
    const res = await request('GET', `${base}/probe/undeclared`, undefined, await authHeader({ role: 'owner' }));
    expect(res.status).toBe(403);
    expect(res.body.message).toMatch(/declares no role/);
  });
});

describe('AuthenticationGuard with a JWKS URL', () => {
  let jwksServer: http.Server;
  let jwksUrl: string;
  let fetches = 0;
  let answer: 'keys' | 'error' = 'keys';

  beforeAll(async () => {
    jwksServer = http.createServer((_req, res) => {
      fetches++;
      if (answer === 'error') {
        res.writeHead(500).end('boom');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(testJwks()));
    });
    await new Promise<void>((r) => jwksServer.listen(0, '127.0.0.1', r));
    jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(() => new Promise((r) => jwksServer.close(r)));

  it('fetches the keys, refetches once for an unknown kid, then answers 401', async () => {
    const { app, base } = await start({ AUTH_JWKS_URL: jwksUrl });
    try {
      fetches = 0;
      expect((await request('GET', `${base}/probe/payments`, undefined, await authHeader())).status).toBe(200);
      expect(fetches).toBe(1);
      const unknown = await request('GET', `${base}/probe/payments`, undefined, await authHeader({ kid: 'rotated-away' }));
      expect(unknown.status).toBe(401);
      // The keys were fetched just now: within jose's 30 s cooldown an unknown kid costs no refetch (a flood of forged kids cannot hammer the issuer).
      expect(fetches).toBe(1);
      const again = await request('GET', `${base}/probe/payments`, undefined, await authHeader({ kid: 'rotated-away' }));
      expect(again.status).toBe(401);
      expect(fetches).toBe(1);
    } finally {
      await app.close();
    }
  });

  it('an unknown kid once the cooldown has passed: exactly one refetch, then 401', async () => {
    const verifier = new TokenVerifier({ issuer: 'limye', audience: 'limye-api', keys: new URL(jwksUrl) });
    fetches = 0;
    await expect(verifier.verify(await testToken())).resolves.toMatchObject({ role: 'owner' });
    expect(fetches).toBe(1);
    const realNow = Date.now;
    Date.now = () => realNow() + 31_000; // past jose's 30 s cooldown, within its 10 min cache
    try {
      await expect(verifier.verify(await testToken({ kid: 'new-kid' }))).rejects.toMatchObject({ name: 'TokenRejectedError' });
      expect(fetches).toBe(2);
    } finally {
      Date.now = realNow;
    }
  });

  it('503 with Retry-After and the JSON error body when the JWKS cannot be fetched (refused, or not 200)', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/jwks.json`;
    await new Promise((r) => closed.close(r));
    for (const url of [deadUrl, jwksUrl]) {
      answer = url === jwksUrl ? 'error' : 'keys';
      const { app, base } = await start({ AUTH_JWKS_URL: url });
      try {
        const res = await request('GET', `${base}/probe/payments`, undefined, await authHeader());
        expect({ url, status: res.status, code: res.body?.code }).toEqual({ url, status: 503, code: 'AUTH_UNAVAILABLE' });
        expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
        // Public routes do not need the keys.
        expect((await request('GET', `${base}/probe/public`, undefined, { authorization: '' })).status).toBe(200);
      } finally {
        await app.close();
        answer = 'keys';
      }
    }
  });
});

describe('AuthenticationGuard outside HTTP, and its logs', () => {
  it('lets NATS handlers through untouched (no bearer token travels there)', async () => {
    const guard = new AuthenticationGuard({ getAllAndOverride: () => undefined } as never, {} as TokenVerifier);
    await expect(guard.canActivate({ getType: () => 'rpc' } as never)).resolves.toBe(true);
  });

  it('logs why a token was refused, never the token', async () => {
    const logger = new CapturingLogger();
    const verifier = new TokenVerifier({ issuer: 'limye', audience: 'limye-api', keys: testJwks() });
    const { Reflector } = await import('@nestjs/core');
    const guard = new AuthenticationGuard(new Reflector(), verifier, logger);
    const token = await testToken({ audience: 'elsewhere' });
    const headers: Record<string, string> = {};
    const context = {
      getType: () => 'http',
      getHandler: () => ProbeController.prototype.payments,
      getClass: () => ProbeController,
      switchToHttp: () => ({
        getRequest: () => ({ headers: { authorization: `Bearer ${token}` }, method: 'GET', path: '/probe/payments' }),
        getResponse: () => ({ setHeader: (n: string, v: string) => (headers[n] = v) }),
      }),
    };
    await expect(guard.canActivate(context as never)).rejects.toMatchObject({ httpStatus: 401 });
    expect(logger.lines.join('\n')).toMatch(/bearer token refused/);
    for (const part of token.split('.')) expect(logger.lines.join('\n')).not.toContain(part);
  });
});
