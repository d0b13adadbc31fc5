import type { NextFunction, Request, Response } from 'express';
import { ErrorCodes } from '@limye/contracts';

/**
 * How many levels of objects and arrays a request body may nest. Limye's bodies nest 3 at most (a
 * customer's devices); 32 leaves room for any real client and stays far below the depth at which
 * recursive code (the validation pipe, class-transformer, pg serialising jsonb) overflows the stack:
 * about 1,300 levels, which a 64 kB body reaches easily.
 */
export const MAX_BODY_DEPTH = 32;

export const BODY_TOO_DEEP_MESSAGE = `body nests deeper than ${MAX_BODY_DEPTH} levels`;

interface Level {
  value: object;
  depth: number;
}

/**
 * Whether `value` nests objects/arrays more than `limit` levels deep: `{}` and `[]` are 1, `{"a":[1]}` is 2,
 * a string or number 0. Walks the parsed value, so brackets inside strings do not count, and it is
 * iterative, not recursive: the check must not overflow on the very bodies it is there to refuse.
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: Level[] = isContainer(value) ? [{ value, depth: 1 }] : [];
  while (pending.length > 0) {
    const level = pending.pop() as Level;
    if (level.depth > limit) return true;
    const children = Array.isArray(level.value) ? level.value : Object.values(level.value);
    for (const child of children) if (isContainer(child)) pending.push({ value: child, depth: level.depth + 1 });
  }
  return false;
}

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/**
 * Refuses with a 400 JSON_TOO_DEEP a parsed body nesting deeper than MAX_BODY_DEPTH, before any pipe,
 * handler or storage sees it. Requests marked by `skip` (routes that read their own body) are let through:
 * they decide themselves.
 */
export function bodyDepthGuard(skip: (req: Request) => boolean) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (skip(req) || !nestsDeeperThan(req.body, MAX_BODY_DEPTH)) return next();
    res.status(400).json({ statusCode: 400, code: ErrorCodes.jsonTooDeep, message: BODY_TOO_DEEP_MESSAGE });
  };
}
