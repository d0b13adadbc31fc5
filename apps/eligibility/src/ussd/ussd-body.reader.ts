import type { NextFunction, Request, Response } from 'express';
import { MAX_BODY_DEPTH, nestsDeeperThan } from '@limye/platform';
import type { WireRequest } from './gateways/ussd-gateway';

/** Enough for any USSD hop (AT's `text` is a few hundred characters at most). */
export const USSD_BODY_LIMIT_BYTES = 16 * 1024;

const WIRE = Symbol('ussdWire');
type WithWire = Request & { [WIRE]?: WireRequest };

/**
 * Reads the body of every /v1/ussd request itself, leniently: form, JSON, or anything else as raw text
 * (for XML gateways), and never fails. The platform's parsers answer a malformed or oversized body with a
 * 400, which a USSD gateway shows as a dead session; here such a request still reaches the controller,
 * marked `malformed`, and gets a polite END like any other bad request. So does JSON nested deeper than the
 * platform's MAX_BODY_DEPTH, which the platform's own check (a 400) leaves to this reader.
 */
export function readUssdBody(req: Request, _res: Response, next: NextFunction): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  let done = false;
  const finish = (failed: boolean) => {
    if (done) return;
    done = true;
    const raw = failed || tooLarge ? '' : Buffer.concat(chunks).toString('utf8');
    const contentType = String(req.headers['content-type'] ?? '').toLowerCase();
    const parsed = failed || tooLarge ? { body: undefined, malformed: true } : parseBody(raw, contentType);
    (req as WithWire)[WIRE] = { body: parsed.body, rawBody: raw, contentType, malformed: parsed.malformed };
    // The platform's body parsers skip a request whose body was already read (_body is body-parser's flag).
    req.body = parsed.body;
    (req as Request & { _body?: boolean })._body = true;
    next();
  };
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > USSD_BODY_LIMIT_BYTES) {
      tooLarge = true;
      chunks.length = 0;
    } else {
      chunks.push(chunk);
    }
  });
  req.on('end', () => finish(false));
  req.on('error', () => finish(true));
}

/** The request as readUssdBody left it (or, if it did not run, what Express parsed). */
export function wireRequestOf(req: Request): WireRequest {
  return (req as WithWire)[WIRE] ?? { body: req.body, rawBody: '', contentType: String(req.headers['content-type'] ?? ''), malformed: false };
}

export function parseBody(raw: string, contentType: string): { body: unknown; malformed: boolean } {
  const text = raw.trim();
  if (text === '') return { body: {}, malformed: false };
  const looksJson = contentType.includes('json') || (!contentType.includes('x-www-form-urlencoded') && /^[{[]/.test(text));
  if (looksJson) {
    try {
      const body: unknown = JSON.parse(text);
      const usable = typeof body === 'object' && body !== null && !Array.isArray(body) && !nestsDeeperThan(body, MAX_BODY_DEPTH);
      return usable ? { body, malformed: false } : { body: undefined, malformed: true };
    } catch {
      return { body: undefined, malformed: true };
    }
  }
  if (contentType.includes('x-www-form-urlencoded') || /^[^<\s][^=&\s]*=/.test(text)) {
    // First value of each field wins; a repeated field is not an array here.
    const body: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(text)) if (!(k in body)) body[k] = v;
    return { body, malformed: false };
  }
  // Anything else (XML…) is for an adapter to read from the raw text.
  return { body: undefined, malformed: false };
}
