import 'reflect-metadata';
import { Body, Controller, Get, INestApplication, Logger, Module, Post, Query, Req } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Request } from 'express';
import type { AddressInfo } from 'net';
import { AllExceptionsFilter } from '../errors/all-exceptions.filter';
import { createValidationPipe } from '../errors/validation';
import { installBodyParsing } from './body-parsing';

@Controller()
class EchoController {
  @Post('v1/things')
  post(@Body() body: unknown): unknown {
    return { body };
  }

  @Get('v1/things')
  get(@Query() query: unknown): unknown {
    return { query };
  }

  /** Stands in for a route that reads its own body (USSD): it must see the NUL and answer itself. */
  @Post('v1/raw/:x')
  raw(@Req() req: Request): unknown {
    return { raw: req.body, query: req.query };
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

/** The platform's body parsing in a real Nest app on a loopback port, as bootstrapService installs it. */
describe('installBodyParsing over HTTP', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [EchoModule] }).compile();
    app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
    const rawReader = (req: Request, _res: unknown, next: () => void) => {
      let text = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (text += c));
      req.on('end', () => {
        req.body = { text };
        (req as Request & { _body?: boolean })._body = true;
        next();
      });
    };
    installBodyParsing(app, [{ path: '/v1/raw', handler: rawReader }]);
    app.useGlobalPipes(createValidationPipe());
    app.useGlobalFilters(new AllExceptionsFilter(new Logger('body-parsing-spec')));
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(() => app.close());

  async function call(path: string, init?: RequestInit): Promise<{ status: number; body: any }> {
    const res = await fetch(base + path, init);
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }
  const postJson = (path: string, raw: string) => call(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw });
  const postForm = (path: string, raw: string) => call(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: raw });

  const nulProblem = (field: string) => ({
    statusCode: 400,
    code: 'VALIDATION_FAILED',
    message: `${field}: ${field} must not contain a NUL character`,
    fields: [{ field, problems: [`${field} must not contain a NUL character`] }],
  });

  it('passes clean JSON, form and query through', async () => {
    expect(await postJson('/v1/things', '{"code":"X4","name":"ab"}')).toEqual({ status: 201, body: { body: { code: 'X4', name: 'ab' } } });
    expect(await postForm('/v1/things', 'a=1&b=2')).toEqual({ status: 201, body: { body: { a: '1', b: '2' } } });
    expect(await call('/v1/things?q=x')).toEqual({ status: 200, body: { query: { q: 'x' } } });
  });

  it('refuses a NUL in a JSON value with a 400 naming the field', async () => {
    expect(await postJson('/v1/things', '{"code":"X4","name":"a\\u0000b"}')).toEqual({ status: 400, body: nulProblem('name') });
  });

  it('walks nested objects and arrays', async () => {
    const res = await postJson('/v1/things', JSON.stringify({ items: [{ name: 'ok' }, { name: 'x\u0000' }] }));
    expect(res).toEqual({ status: 400, body: nulProblem('items[1].name') });
  });

  it('refuses a NUL in a JSON key', async () => {
    const res = await postJson('/v1/things', '{"na\\u0000me":"x"}');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.message).toContain('na\\0me must not contain a NUL character');
  });

  it('refuses a NUL in a form value or key', async () => {
    expect(await postForm('/v1/things', 'text=1%00')).toEqual({ status: 400, body: nulProblem('text') });
    expect((await postForm('/v1/things', 'a%00=1')).status).toBe(400);
  });

  it('refuses a NUL in the query string, PATCH and GET alike', async () => {
    expect(await call('/v1/things?q=a%00')).toEqual({ status: 400, body: nulProblem('q') });
    expect((await call('/v1/things?x%00=1')).status).toBe(400);
    expect((await call('/v1/nowhere?q=%00', { method: 'PATCH' })).status).toBe(400);
  });

  it('leaves a route with its own body reader alone, body and query', async () => {
    const res = await call('/v1/raw/arkesel?q=%00', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"userData":"*662\\u0000#"}' });
    expect(res).toEqual({ status: 201, body: { raw: { text: '{"userData":"*662\\u0000#"}' }, query: { q: '\u0000' } } });
  });

  it('still answers malformed JSON as before', async () => {
    expect(await postJson('/v1/things', '{"a":')).toMatchObject({ status: 400, body: { code: 'MALFORMED_JSON' } });
  });
});
