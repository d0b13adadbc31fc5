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
