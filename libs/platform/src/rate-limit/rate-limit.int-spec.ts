import { Controller, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AddressInfo } from 'net';
import { CapturingLogger, http } from '@limye/testing';
import { BaseServiceEnv, loadEnv } from '../config/env';
import { AllExceptionsFilter } from '../errors/all-exceptions.filter';
import { installBodyParsing } from '../http/body-parsing';
import { SERVICE_ENV } from '../platform.tokens';
import { bodyField, RateLimit } from './rate-limit.decorator';
import { RateLimiter } from './rate-limiter';
import { IsRateLimitRule } from './rate-limit-rule';

class TestEnv extends BaseServiceEnv {
  @IsRateLimitRule()
  TEST_TOKEN_RATE_LIMIT_PER_ADDRESS: string = '100/s burst 100';
}

/** A token endpoint as customer-registry's would carry it: per address from env, per username from the fallback. */
@Controller('v1/auth')
class TokenController {
  @Post('token')
  @RateLimit({
    name: 'test-token',
    perAddress: { env: 'TEST_TOKEN_RATE_LIMIT_PER_ADDRESS', fallback: '100/s burst 100' },
    perAccount: { env: 'TEST_TOKEN_RATE_LIMIT_PER_ACCOUNT', fallback: '1/min burst 2', key: bodyField('username') },
  })
  token() {
    return { access_token: 'x', token_type: 'Bearer', expires_in: 60 };
  }
}

async function start(env: Record<string, string>) {
  const loaded = loadEnv(TestEnv, { NODE_ENV: 'test', ...env });
  @Module({ controllers: [TokenController], providers: [{ provide: SERVICE_ENV, useValue: loaded }, RateLimiter] })
  class TestApp {}
  const app = await NestFactory.create(TestApp, { logger: false, bodyParser: false });
  // A token endpoint takes forms too (OAuth2 style).
  installBodyParsing(app, { bodyTypes: [{ path: '/v1/auth', accepts: ['application/json', 'application/x-www-form-urlencoded'] }] });
  app.useGlobalFilters(new AllExceptionsFilter(new CapturingLogger()));
  await app.listen(0, '127.0.0.1');
  return { app, url: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/v1/auth/token` };
}

describe('@RateLimit (real HTTP)', () => {
  it('answers an account over its limit with 429, Retry-After and the JSON error body; other accounts pass', async () => {
    const { app, url } = await start({});
    try {
      const as = (username: string) => http('POST', url, { username, password: 'p' });
      expect((await as('Ann@example.org')).status).toBe(201);
      expect((await as('ann@example.org')).status).toBe(201); // the same account in another case
      const refused = await as('ann@example.org');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(20);
      expect(refused.body).toEqual({ statusCode: 429, code: 'RATE_LIMITED', message: expect.stringMatching(/account; try again in \d+ s/), retryAfterSeconds: expect.any(Number) });
      expect((await as('bob@example.org')).status).toBe(201);
    } finally {
      await app.close();
    }
  });

  it('limits per source address by the rule in the env, form bodies too', async () => {
    const { app, url } = await start({ TEST_TOKEN_RATE_LIMIT_PER_ADDRESS: '1/h burst 3' });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await http('POST', url, new URLSearchParams({ username: `user${i}` }))).status);
      expect(statuses).toEqual([201, 201, 201, 429]);
    } finally {
      await app.close();
    }
  });

  it('stops the start on a rule it cannot read, naming the variable', () => {
    expect(() => loadEnv(TestEnv, { TEST_TOKEN_RATE_LIMIT_PER_ADDRESS: 'lots' })).toThrow(/TEST_TOKEN_RATE_LIMIT_PER_ADDRESS=\S+: TEST_TOKEN_RATE_LIMIT_PER_ADDRESS must be a rate limit/);
  });
});
