import type { NextFunction, Request, Response } from 'express';
import { toProblem } from '../errors/all-exceptions.filter';
import { fieldError } from '../errors/validation';

const NUL = '\u0000';
export const NUL_PROBLEM = 'must not contain a NUL character';

/** One value still to look at, with how it was reached (the path is built only for the one reported). */
interface Visit {
  value: unknown;
  segment: string;
  parent: Visit | null;
}

/**
 * The path of the first string value or key holding a NUL character (U+0000), e.g. `items[0].name`, or
 * null when there is none. Iterative, not recursive: a 64 kB JSON body can nest thousands of levels deep.
 */
export function findNulField(value: unknown): string | null {
  const stack: Visit[] = [{ value, segment: '', parent: null }];
  while (stack.length > 0) {
    const visit = stack.pop() as Visit;
    if (typeof visit.value === 'string') {
      if (visit.value.includes(NUL)) return pathOf(visit);
    } else if (Array.isArray(visit.value)) {
      for (let i = visit.value.length - 1; i >= 0; i--) stack.push({ value: visit.value[i], segment: `[${i}]`, parent: visit });
    } else if (typeof visit.value === 'object' && visit.value !== null) {
      const keys = Object.keys(visit.value);
      const badKey = keys.find((k) => k.includes(NUL));
      if (badKey !== undefined) return pathOf({ value: null, segment: `.${printable(badKey)}`, parent: visit });
      for (let i = keys.length - 1; i >= 0; i--) {
        stack.push({ value: (visit.value as Record<string, unknown>)[keys[i]], segment: `.${keys[i]}`, parent: visit });
      }
    }
  }
  return null;
}

function pathOf(visit: Visit): string {
  const segments: string[] = [];
  for (let v: Visit | null = visit; v; v = v.parent) segments.push(v.segment);
  const path = segments.reverse().join('');
  return path.startsWith('.') ? path.slice(1) : path || '(body)';
}

/** A key is echoed in the error: its NUL is shown as `\0`, not sent back raw. */
function printable(key: string): string {
  return key.split(NUL).join('\\0');
}

/**
 * Refuses with a 400 (the validation pipe's shape) a query string or a parsed body holding a NUL character:
 * Postgres refuses NUL in text and jsonb ("invalid byte sequence for encoding UTF8: 0x00"), which would
 * otherwise surface as a 500. Requests marked by `skip` (routes that read their own body) are let through.
 */
export function nulGuard(skip: (req: Request) => boolean) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (skip(req)) return next();
    const field = findNulField(req.query) ?? findNulField(req.body);
    if (field === null) return next();
    // Worded like class-validator's messages ("name must be a string"), which the pipe's 400s carry.
    const problem = toProblem(fieldError(field, `${field} ${NUL_PROBLEM}`));
    res.status(problem.statusCode).json(problem);
  };
}
