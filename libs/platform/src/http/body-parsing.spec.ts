import 'reflect-metadata';
import { All, Body, Controller, Get, INestApplication, Logger, Module, Patch, Post, Put, Query, Req } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Request } from 'express';
import type { AddressInfo } from 'net';
import { AllExceptionsFilter } from '../errors/all-exceptions.filter';
import { createValidationPipe } from '../errors/validation';
import { MAX_BODY_DEPTH } from './body-depth';
import { FORM_MEDIA_TYPE, JSON_MEDIA_TYPE } from './body-media-type';
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

  @Patch('v1/things/:id')
  patch(@Body() body: unknown): unknown {
    return { body: body ?? null };
  }

  @Put('v1/things/:id')
  put(@Body() body: unknown): unknown {
    return { body: body ?? null };
  }

  /** Stands in for a vendor callback that takes forms as well as JSON. */
  @Post('v1/forms')
  form(@Body() body: unknown): unknown {
    return { body };
  }

  /** Stands in for a callback that takes any body, reading the query when the body is not usable (MonCash). */
  @All('v1/callbacks/alert')
  callback(@Req() req: Request): unknown {
    return { body: req.body ?? null, query: req.query };
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
    installBodyParsing(app, {
      readers: [{ path: '/v1/raw', handler: rawReader }],
      bodyTypes: [
        { path: '/v1/forms', accepts: [JSON_MEDIA_TYPE, FORM_MEDIA_TYPE] },
        { path: '/v1/callbacks', accepts: 'any' },
      ],
    });
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

  it('passes clean JSON, form (where taken) and query through', async () => {
    expect(await postJson('/v1/things', '{"code":"X4","name":"ab"}')).toEqual({ status: 201, body: { body: { code: 'X4', name: 'ab' } } });
    expect(await postForm('/v1/forms', 'a=1&b=2')).toEqual({ status: 201, body: { body: { a: '1', b: '2' } } });
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
    expect(await postForm('/v1/forms', 'text=1%00')).toEqual({ status: 400, body: nulProblem('text') });
    expect((await postForm('/v1/forms', 'a%00=1')).status).toBe(400);
  });

  it('refuses a NUL in the query string, PATCH and GET alike', async () => {
    expect(await call('/v1/things?q=a%00')).toEqual({ status: 400, body: nulProblem('q') });
    expect((await call('/v1/things?x%00=1')).status).toBe(400);
    expect((await call('/v1/nowhere?q=%00', { method: 'PATCH' })).status).toBe(400);
  });

  it('refuses a lone surrogate escape in a JSON value or key with a 400 naming the field (jsonb cannot store it)', async () => {
    const problem = (field: string) => `${field} must not contain an unpaired surrogate (a \\uD800-\\uDFFF escape that is not half of a pair)`;
    expect(await postJson('/v1/callbacks/alert', '{"transactionId":"2228711077","note":"\\ud800"}')).toEqual({
      status: 400,
      body: { statusCode: 400, code: 'VALIDATION_FAILED', message: `note: ${problem('note')}`, fields: [{ field: 'note', problems: [problem('note')] }] },
    });
    expect((await postJson('/v1/callbacks/alert', '{"transactionId":"2228711077","\\udc00":1}')).body.fields[0].field).toBe('\\udc00');
    expect((await postJson('/v1/things', '{"items":[{"name":"x\\udbff"}]}')).body.fields[0].field).toBe('items[0].name');
    // A pair is a character like any other.
    expect(await postJson('/v1/things', '{"name":"\\ud83d\\ude00"}')).toEqual({ status: 201, body: { body: { name: '\u{1F600}' } } });
  });

  it.each(['__proto__', 'constructor', 'hasOwnProperty', 'toString'])('refuses a %s key, which the whitelist never sees, in a body or query', async (key) => {
    const refused = (field: string) => ({
      status: 400,
      body: { statusCode: 400, code: 'VALIDATION_FAILED', message: `${field}: property ${key} should not exist`, fields: [{ field, problems: [`property ${key} should not exist`] }] },
    });
    expect(await postJson('/v1/things', `{"name":"x","${key}":{"isAdmin":true}}`)).toEqual(refused(key));
    expect(await postJson('/v1/things', `{"devices":[{"${key}":1}]}`)).toEqual(refused(`devices[0].${key}`));
    expect(await postJson('/v1/callbacks/alert', `{"transactionId":"7","${key}":1}`)).toEqual(refused(key));
    expect(await call(`/v1/things?${key}=1`)).toEqual(refused(key));
  });

  it('leaves a route with its own body reader alone, body and query', async () => {
    const res = await call('/v1/raw/arkesel?q=%00', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"userData":"*662\\u0000#"}' });
    expect(res).toEqual({ status: 201, body: { raw: { text: '{"userData":"*662\\u0000#"}' }, query: { q: '\u0000' } } });
  });

  it('still answers malformed JSON as before', async () => {
    expect(await postJson('/v1/things', '{"a":')).toMatchObject({ status: 400, body: { code: 'MALFORMED_JSON' } });
  });

  describe('body types: JSON only, unless the route says more', () => {
    const noType = (text: string) => new Uint8Array(Buffer.from(text)); // fetch sends a byte body with no Content-Type
    const unsupported = (type: string | null) => ({
      status: 415,
      body: {
        statusCode: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: type === null ? 'body must be application/json (the request has no Content-Type)' : `body must be application/json, not ${type}`,
        accepted: ['application/json'],
      },
    });
    const bodies: Array<[string, () => RequestInit]> = [
      ['text/plain', () => ({ headers: { 'content-type': 'text/plain' }, body: '{"name":"x"}' })],
      ['application/xml', () => ({ headers: { 'content-type': 'application/xml' }, body: '<name>x</name>' })],
      ['multipart/form-data', () => {
        const form = new FormData();
        form.set('name', 'x');
        return { body: form };
      }],
      ['application/x-www-form-urlencoded', () => ({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=x' })],
    ];

    it.each(bodies)('refuses a %s body with 415 naming application/json, on POST, PUT and PATCH', async (type, init) => {
      for (const [method, path] of [['POST', '/v1/things'], ['PUT', '/v1/things/1'], ['PATCH', '/v1/things/1']]) {
        expect({ method, ...(await call(path, { method, ...init() })) }).toEqual({ method, ...unsupported(type) });
      }
    });

    it('refuses a body without a Content-Type', async () => {
      for (const [method, path] of [['POST', '/v1/things'], ['PUT', '/v1/things/1'], ['PATCH', '/v1/things/1']]) {
        expect({ method, ...(await call(path, { method, body: noType('{"name":"x"}') })) }).toEqual({ method, ...unsupported(null) });
      }
    });

    it('says the accepted type in Accept-Patch when refusing a PATCH (RFC 5789)', async () => {
      const res = await fetch(`${base}/v1/things/1`, { method: 'PATCH', headers: { 'content-type': 'text/plain' }, body: 'x' });
      expect(res.status).toBe(415);
      expect(res.headers.get('accept-patch')).toBe('application/json');
    });

    it('takes JSON with parameters or in capitals, and a request with no body at all', async () => {
      expect(await call('/v1/things/1', { method: 'PATCH', headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{"a":1}' })).toEqual({ status: 200, body: { body: { a: 1 } } });
      expect(await call('/v1/things/1', { method: 'PUT', headers: { 'content-type': 'Application/JSON' }, body: '{"a":1}' })).toEqual({ status: 200, body: { body: { a: 1 } } });
      // A POST /…/retry carries no body, so there is nothing to refuse, whatever it says (or not).
      expect((await call('/v1/things', { method: 'POST' })).status).toBe(201);
      expect((await call('/v1/things', { method: 'POST', headers: { 'content-type': 'text/plain' } })).status).toBe(201);
    });

    it('does not look at GET or DELETE', async () => {
      expect((await call('/v1/things?q=x', { method: 'GET', headers: { 'content-type': 'text/plain' } })).status).toBe(200);
      expect((await call('/v1/things/1', { method: 'DELETE', headers: { 'content-type': 'text/plain' }, body: 'x' })).status).toBe(404);
    });

    const withCharset = (charset: string) => ({
      status: 415,
      body: {
        statusCode: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: `application/json bodies must be UTF-8 (charset=utf-8), not charset ${charset}`,
        accepted: ['application/json'],
        charsets: ['utf-8'],
      },
    });

    it.each(['utf-7', 'utf-16', 'utf-32', 'utf-32le', 'iso-8859-1', 'latin1', 'utf8'])(
      'refuses a JSON body in charset %s with 415 naming application/json and UTF-8 (RFC 8259), on any JSON path',
      async (charset) => {
        // "+AEw-imye" is "Limye" in UTF-7: it must not be decoded and stored.
        const init = { method: 'POST', headers: { 'content-type': `application/json; charset=${charset}` }, body: '{"name":"+AEw-imye"}' };
        expect(await call('/v1/things', init)).toEqual(withCharset(charset));
        expect(await call('/v1/callbacks/alert', init)).toEqual(withCharset(charset));
        expect(await call('/v1/things/1', { ...init, method: 'PATCH' })).toEqual(withCharset(charset));
      },
    );

    it('echoes a long charset cut to 100 characters', async () => {
      const res = await call('/v1/things', { method: 'POST', headers: { 'content-type': `application/json; charset=${'x'.repeat(3_000)}` }, body: '{}' });
      expect(res).toEqual(withCharset('x'.repeat(100) + '…'));
    });

    it('takes UTF-8 however it is written, and a form in UTF-8 or ISO-8859-1 where forms are taken', async () => {
      for (const charset of ['utf-8', 'UTF-8', '"UTF-8"', 'Utf-8 ']) {
        expect(await call('/v1/things', { method: 'POST', headers: { 'content-type': `application/json; charset=${charset}` }, body: '{"a":"é"}' })).toEqual({ status: 201, body: { body: { a: 'é' } } });
      }
      expect(await call('/v1/forms', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=iso-8859-1' }, body: 'a=%E9' })).toEqual({ status: 201, body: { body: { a: 'é' } } });
      const utf7Form = await call('/v1/forms', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-7' }, body: 'a=1' });
      expect(utf7Form).toMatchObject({ status: 415, body: { code: 'UNSUPPORTED_MEDIA_TYPE', accepted: ['application/x-www-form-urlencoded'], charsets: ['utf-8', 'iso-8859-1'] } });
    });

    it('refuses bytes that are not UTF-8 in a JSON or form body with a 400, instead of storing U+FFFD', async () => {
      const bytes = (...parts: Array<string | number[]>) => new Uint8Array(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p)))));
      const notUtf8Json = { status: 400, body: { statusCode: 400, code: 'MALFORMED_JSON', message: 'body is not valid UTF-8 (JSON must be UTF-8, RFC 8259)' } };
      for (const bad of [[0xff, 0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xc3]]) {
        const body = bytes('{"name":"Inv', bad, 'alid"}');
        expect(await call('/v1/things', { method: 'POST', headers: { 'content-type': 'application/json' }, body })).toEqual(notUtf8Json);
        expect(await call('/v1/callbacks/alert', { method: 'POST', headers: { 'content-type': 'application/json' }, body })).toEqual(notUtf8Json);
        const form = await call('/v1/forms', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: bytes('name=X', bad, 'Y') });
        expect(form).toEqual({ status: 400, body: { statusCode: 400, code: 'VALIDATION_FAILED', message: 'body is not valid UTF-8' } });
      }
      // A byte-order mark and characters beyond the BMP are UTF-8.
      expect(await call('/v1/things', { method: 'POST', headers: { 'content-type': 'application/json' }, body: bytes([0xef, 0xbb, 0xbf], '{"a":"😀"}') })).toEqual({ status: 201, body: { body: { a: '😀' } } });
    });

    it('takes what a rule names on its path, and only that', async () => {
      expect(await postForm('/v1/forms', 'name=x')).toEqual({ status: 201, body: { body: { name: 'x' } } });
      expect(await postJson('/v1/forms', '{"name":"x"}')).toEqual({ status: 201, body: { body: { name: 'x' } } });
      const xml = await call('/v1/forms', { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<x/>' });
      expect(xml).toMatchObject({ status: 415, body: { message: 'body must be application/json or application/x-www-form-urlencoded, not application/xml', accepted: [JSON_MEDIA_TYPE, FORM_MEDIA_TYPE] } });
    });

    it("takes any body on an 'any' path: JSON and forms parsed, the rest left for the route (which reads the query)", async () => {
      expect(await call('/v1/callbacks/alert?transactionId=7', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' })).toEqual({
        status: 200,
        body: { body: null, query: { transactionId: '7' } },
      });
      expect((await call('/v1/callbacks/alert', { method: 'POST', body: noType('x') })).status).toBe(200);
      expect((await postForm('/v1/callbacks/alert', 'transactionId=7')).body.body).toEqual({ transactionId: '7' });
      expect((await postJson('/v1/callbacks/alert', '{"transactionId":"7"}')).body.body).toEqual({ transactionId: '7' });
    });

    it('leaves a route with its own body reader alone', async () => {
      expect(await call('/v1/raw/x', { method: 'POST', headers: { 'content-type': 'text/xml' }, body: '<a/>' })).toEqual({ status: 201, body: { raw: { text: '<a/>' }, query: {} } });
    });
  });

  describe(`bodies nested deeper than ${MAX_BODY_DEPTH} levels`, () => {
    /** `{"x": [[…]]}`, `depth` levels of objects and arrays in all. */
    const nested = (depth: number) => `{"x":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
    const tooDeep = { status: 400, body: { statusCode: 400, code: 'JSON_TOO_DEEP', message: 'body nests deeper than 32 levels' } };

    it.each([33, 2_000, 5_000, 30_000])('refuses %i levels with a 400 JSON_TOO_DEEP, before the validation pipe', async (depth) => {
      expect(await postJson('/v1/things', nested(depth))).toEqual(tooDeep);
      expect(await call('/v1/things/1', { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: nested(depth) })).toEqual(tooDeep);
    });

    it('refuses them on an any-type path too (MonCash stores the raw callback)', async () => {
      expect(await postJson('/v1/callbacks/alert', nested(4_500))).toEqual(tooDeep);
    });

    it(`lets ${MAX_BODY_DEPTH} levels through to the route`, async () => {
      const res = await postJson('/v1/things', nested(MAX_BODY_DEPTH));
      expect(res.status).toBe(201);
      expect(JSON.stringify(res.body.body)).toBe(nested(MAX_BODY_DEPTH));
    });

    it('leaves a deep body to a route with its own reader', async () => {
      expect((await postJson('/v1/raw/x', nested(5_000))).body.raw.text).toBe(nested(5_000));
    });

    it('cannot be nested with a form body: extended: false keeps brackets in the key', async () => {
      const key = 'a' + '[b]'.repeat(2_000);
      expect(await postForm('/v1/forms', `${encodeURIComponent(key)}=1`)).toEqual({ status: 201, body: { body: { [key]: '1' } } });
    });
  });
});
