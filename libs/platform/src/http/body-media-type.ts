import type { NextFunction, Request, Response } from 'express';
import { ErrorCodes } from '@limye/contracts';

export const JSON_MEDIA_TYPE = 'application/json';
export const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';

/** What a route's body may be: a list of media types, or 'any' (the route reads what it can, the query too). */
export type AcceptedBodies = readonly string[] | 'any';

/** Routes whose bodies may be other than JSON, by path prefix (Express's matching), e.g. vendor callbacks. */
export interface BodyTypeRule {
  path: string;
  accepts: AcceptedBodies;
}

/** Every route not named by a rule: JSON only. */
export const JSON_ONLY: AcceptedBodies = [JSON_MEDIA_TYPE];

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** The media type of a Content-Type header, lower-cased, without parameters ('application/json; charset=utf-8' → 'application/json'). */
function mediaTypeOf(contentType: string | undefined): string | null {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  return type === '' ? null : type;
}

/** A body is on its way: a length above 0 or a chunked one (a POST /retry with no body has neither). */
function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Refuses with a 415 UNSUPPORTED_MEDIA_TYPE a POST, PUT or PATCH body whose type the route does not take
 * (text/plain, XML, multipart, or no Content-Type at all), naming the accepted types. Without it, such a
 * body is not parsed: a PATCH answered 200 and changed nothing. Runs before the body is read.
 */
export function bodyMediaTypeGuard(acceptedFor: (req: Request) => AcceptedBodies) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!BODY_METHODS.has(req.method) || !hasBody(req)) return next();
    const accepted = acceptedFor(req);
    const type = mediaTypeOf(req.headers['content-type']);
    if (accepted === 'any' || (type !== null && accepted.includes(type))) return next();
    const wanted = `body must be ${accepted.join(' or ')}`;
    const message = type === null ? `${wanted} (the request has no Content-Type)` : `${wanted}, not ${type.slice(0, 100)}`;
    // RFC 5789: a PATCH refused for its type says which types it takes.
    if (req.method === 'PATCH') res.setHeader('Accept-Patch', accepted.join(', '));
    res.status(415).json({ statusCode: 415, code: ErrorCodes.unsupportedMediaType, message, accepted });
  };
}

/**
 * The charsets the platform reads each body type in. JSON: UTF-8 only (RFC 8259); body-parser would also
 * decode UTF-7, UTF-16 and UTF-32, and UTF-7 lets characters past any byte-level check ("+ACI-" is '"').
 * Forms: what body-parser reads (UTF-8, and ISO-8859-1 for old form posts).
 */
export const BODY_CHARSETS: Readonly<Record<string, readonly string[]>> = {
  [JSON_MEDIA_TYPE]: ['utf-8'],
  [FORM_MEDIA_TYPE]: ['utf-8', 'iso-8859-1'],
};

/** The charset parameter of a Content-Type header, lower-cased, without quotes, or null when there is none. */
export function charsetOf(contentType: string | undefined): string | null {
  for (const param of (contentType ?? '').split(';').slice(1)) {
    const eq = param.indexOf('=');
    if (eq < 0 || param.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    return param.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1').trim().toLowerCase();
  }
  return null;
}

/**
 * Refuses with a 415 a JSON or form body in a charset the platform does not read (see BODY_CHARSETS),
 * naming the type and its charsets and echoing at most 100 characters of the one given. Runs before the
 * body is read, on every path but those `skip` names (routes that read their own body).
 */
export function bodyCharsetGuard(skip: (req: Request) => boolean) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (skip(req) || !hasBody(req)) return next();
    const type = mediaTypeOf(req.headers['content-type']);
    const charsets = type === null ? undefined : BODY_CHARSETS[type];
    const charset = charsetOf(req.headers['content-type']);
    if (!charsets || charset === null || charsets.includes(charset)) return next();
    const given = charset.length > 100 ? `${charset.slice(0, 100)}…` : charset;
    const wanted = charsets.map((c) => (c === 'utf-8' ? 'UTF-8 (charset=utf-8)' : c.toUpperCase())).join(' or ');
    res.status(415).json({
      statusCode: 415,
      code: ErrorCodes.unsupportedMediaType,
      message: `${type} bodies must be ${wanted}, not charset ${given}`,
      accepted: [type],
      charsets,
    });
  };
}
