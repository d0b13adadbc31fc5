import type { INestApplication } from '@nestjs/common';
import express, { NextFunction, Request, RequestHandler, Response } from 'express';
import { ErrorCodes } from '@limye/contracts';
import { nulGuard } from './nul-guard';

export const BODY_LIMIT = '64kb';

export interface BodyReader {
  /** Path prefix, e.g. '/v1/ussd'. */
  path: string;
  /** Reads the body and sets `req.body`; must end the stream (the generic parsers skip a read body). */
  handler: RequestHandler;
}

/**
 * JSON and form bodies with a size limit, and their errors (malformed JSON, oversized body) answered
 * as JSON problems instead of Express's HTML page; a NUL character in them or in the query string is a 400
 * (nulGuard). `readers` are mounted first, on their paths, and left alone by the NUL check: they answer
 * bad input themselves (USSD must always get a screen).
 */
export function installBodyParsing(app: INestApplication, readers: readonly BodyReader[] = []): void {
  const readByReader = new WeakSet<Request>();
  for (const r of readers) app.use(r.path, markedBy(readByReader, r.handler));
  app.use(express.json({ limit: BODY_LIMIT }));
  app.use(express.urlencoded({ extended: false, limit: BODY_LIMIT }));
  app.use(nulGuard((req) => readByReader.has(req)));
  app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    const e = err as { type?: string; status?: number; message?: string };
    if (!e || typeof e.status !== 'number') return next(err);
    if (e.type === 'entity.too.large') {
      return res.status(413).json({ statusCode: 413, code: ErrorCodes.payloadTooLarge, message: `body larger than ${BODY_LIMIT}` });
    }
    if (e.type === 'entity.parse.failed') {
      return res.status(400).json({ statusCode: 400, code: ErrorCodes.malformedJson, message: 'body is not valid JSON' });
    }
    return res.status(e.status >= 400 && e.status < 500 ? e.status : 400).json({
      statusCode: e.status >= 400 && e.status < 500 ? e.status : 400,
      code: ErrorCodes.validationFailed,
      message: e.message ?? 'bad request body',
    });
  });
}

/** The reader, noting the requests it served: Express's own path matching decides, not a copy of it. */
function markedBy(served: WeakSet<Request>, handler: RequestHandler): RequestHandler {
  return (req, res, next) => {
    served.add(req);
    return handler(req, res, next);
  };
}
