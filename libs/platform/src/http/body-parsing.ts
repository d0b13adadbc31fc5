import type { INestApplication } from '@nestjs/common';
import express, { NextFunction, Request, RequestHandler, Response } from 'express';
import { ErrorCodes } from '@limye/contracts';
import { bodyDepthGuard } from './body-depth';
import { isUtf8 } from 'buffer';
import { AcceptedBodies, bodyCharsetGuard, bodyMediaTypeGuard, BodyTypeRule, JSON_ONLY } from './body-media-type';
import { bodyContentGuard } from './body-content-guard';

export const BODY_LIMIT = '64kb';

export interface BodyReader {
  /** Path prefix, e.g. '/v1/ussd'. */
  path: string;
  /** Reads the body and sets `req.body`; must end the stream (the generic parsers skip a read body). */
  handler: RequestHandler;
}

export interface BodyParsingOptions {
  /** Routes that read their own body, mounted first; the platform's checks leave them alone. */
  readers?: readonly BodyReader[];
  /** Routes that take bodies other than JSON; the first rule whose path matches applies. */
  bodyTypes?: readonly BodyTypeRule[];
}

/**
 * The platform's request bodies, in order:
 * 1. `readers` on their paths (USSD gateways, which must always get a screen: they answer bad input themselves);
 * 2. a POST/PUT/PATCH body of a type its route does not take is a 415 (JSON only, unless `bodyTypes` says more),
 *    and so is a JSON body in a charset other than UTF-8 (bodyCharsetGuard);
 * 3. JSON and form bodies parsed with a size limit (form with extended: false, so always flat); bytes that
 *    are not UTF-8 are a 400, not U+FFFD stored in their place;
 * 4. a body nesting deeper than MAX_BODY_DEPTH is a 400 JSON_TOO_DEEP; a NUL character, an unpaired surrogate
 *    or a key named like an Object.prototype member (`__proto__`) in it or in the query string a 400
 *    (bodyContentGuard);
 * 5. parser errors (malformed JSON, oversized body, bad charset) answered as JSON problems, not Express's HTML page.
 * Steps 2 and 4 skip requests a reader served.
 */
export function installBodyParsing(app: INestApplication, opts: BodyParsingOptions = {}): void {
  const readByReader = new WeakSet<Request>();
  for (const r of opts.readers ?? []) app.use(r.path, markedBy(readByReader, r.handler));
  const acceptedBy = new WeakMap<Request, AcceptedBodies>();
  for (const rule of opts.bodyTypes ?? []) {
    app.use(rule.path, (req: Request, _res: Response, next: NextFunction) => {
      if (!acceptedBy.has(req)) acceptedBy.set(req, rule.accepts);
      next();
    });
  }
  app.use(bodyMediaTypeGuard((req) => (readByReader.has(req) ? 'any' : (acceptedBy.get(req) ?? JSON_ONLY))));
  app.use(bodyCharsetGuard((req) => readByReader.has(req)));
  app.use(express.json({ limit: BODY_LIMIT, verify: refuseInvalidUtf8('body is not valid UTF-8 (JSON must be UTF-8, RFC 8259)', ErrorCodes.malformedJson) }));
  app.use(express.urlencoded({ extended: false, limit: BODY_LIMIT, verify: refuseInvalidUtf8('body is not valid UTF-8', ErrorCodes.validationFailed) }));
  app.use(bodyDepthGuard((req) => readByReader.has(req)));
  app.use(bodyContentGuard((req) => readByReader.has(req)));
  app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    const e = err as { type?: string; status?: number; message?: string };
    if (!e || typeof e.status !== 'number') return next(err);
    if (e.type === 'entity.too.large') {
      return res.status(413).json({ statusCode: 413, code: ErrorCodes.payloadTooLarge, message: `body larger than ${BODY_LIMIT}` });
    }
    if (e.type === 'entity.parse.failed') {
      return res.status(400).json({ statusCode: 400, code: ErrorCodes.malformedJson, message: 'body is not valid JSON' });
    }
    if (e.type === NOT_UTF8) {
      const { code } = err as { code: string };
      return res.status(400).json({ statusCode: 400, code, message: e.message });
    }
    if (e.status === 415) {
      // A Content-Encoding the parsers cannot read (charsets are refused before, by bodyCharsetGuard).
      return res.status(415).json({ statusCode: 415, code: ErrorCodes.unsupportedMediaType, message: (e.message ?? 'unsupported body encoding').slice(0, 200) });
    }
    return res.status(e.status >= 400 && e.status < 500 ? e.status : 400).json({
      statusCode: e.status >= 400 && e.status < 500 ? e.status : 400,
      code: ErrorCodes.validationFailed,
      message: e.message ?? 'bad request body',
    });
  });
}

const NOT_UTF8 = 'entity.not.utf8';

/**
 * body-parser's `verify` hook, which sees the body's bytes before they are decoded: in a UTF-8 body, bytes
 * that are not UTF-8 are a 400 (`code`, `message`). Decoded, they would silently become U+FFFD.
 */
function refuseInvalidUtf8(message: string, code: string) {
  return (_req: Request, _res: Response, bytes: Buffer, encoding: string): void => {
    if (encoding === 'utf-8' && !isUtf8(bytes)) throw Object.assign(new Error(message), { status: 400, type: NOT_UTF8, code });
  };
}

/** The reader, noting the requests it served: Express's own path matching decides, not a copy of it. */
function markedBy(served: WeakSet<Request>, handler: RequestHandler): RequestHandler {
  return (req, res, next) => {
    served.add(req);
    return handler(req, res, next);
  };
}
