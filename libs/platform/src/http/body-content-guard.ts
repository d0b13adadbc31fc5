import type { NextFunction, Request, Response } from 'express';
import { toProblem } from '../errors/all-exceptions.filter';
import { fieldError } from '../errors/validation';

const NUL = '\u0000';
export const NUL_PROBLEM = 'must not contain a NUL character';
export const SURROGATE_PROBLEM = 'must not contain an unpaired surrogate (a \\uD800-\\uDFFF escape that is not half of a pair)';
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** `text` without its unpaired surrogates (for readers that clean what they read rather than refuse it). */
export function dropLoneSurrogates(text: string): string {
  return LONE_SURROGATE.test(text) ? text.replace(new RegExp(LONE_SURROGATE.source, 'g'), '') : text;
}

/**
 * Keys that class-transformer and class-validator pass over without a word (`__proto__`, `constructor`,
 * `toString`, …): forbidNonWhitelisted never sees them, so they are refused here, as it would.
 */
// `prototype` too: class-transformer skips it as well (a constructor's own property name), so the whitelist never sees it.
const PROTOTYPE_MEMBERS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);
/** A key is echoed in the path up to this many characters. */
const MAX_ECHOED_KEY = 200;

/** What is wrong with a body or query, and where: `field` is a path such as `items[0].name`. */
export interface UnsafeContent {
  field: string;
  problem: string;
}

/** One value still to look at, with how it was reached (the path is built only for the one reported). */
interface Visit {
  value: unknown;
  segment: string;
  parent: Visit | null;
}

/** Why a string cannot be stored as it is, or null. */
function textProblem(text: string): string | null {
  if (text.includes(NUL)) return NUL_PROBLEM;
  if (LONE_SURROGATE.test(text)) return SURROGATE_PROBLEM;
  return null;
}

/**
 * The first string value or key (in document order) that PostgreSQL cannot store or the validation pipe
 * cannot see, or null when there is none:
 * - a NUL character (U+0000): Postgres refuses it in text and jsonb;
 * - an unpaired surrogate (a lone `\ud800` escape): jsonb refuses it ("Unicode low surrogate must follow a
 *   high surrogate"), and text columns silently store U+FFFD in its place;
 * - a key named like a member of Object.prototype (`__proto__`, `constructor`, `toString`, …).
 * Iterative, not recursive: a 64 kB JSON body can nest thousands of levels deep.
 */
export function findUnsafeContent(value: unknown): UnsafeContent | null {
  const stack: Visit[] = [{ value, segment: '', parent: null }];
  while (stack.length > 0) {
    const visit = stack.pop() as Visit;
    if (typeof visit.value === 'string') {
      const problem = textProblem(visit.value);
      if (problem) return found(visit, problem);
    } else if (Array.isArray(visit.value)) {
      for (let i = visit.value.length - 1; i >= 0; i--) stack.push({ value: visit.value[i], segment: `[${i}]`, parent: visit });
    } else if (typeof visit.value === 'object' && visit.value !== null) {
      const keys = Object.keys(visit.value);
      for (const key of keys) {
        const problem = textProblem(key);
        const at = { value: null, segment: `.${printable(key)}`, parent: visit };
        if (problem) return found(at, problem);
        if (PROTOTYPE_MEMBERS.has(key)) return { field: pathOf(at), problem: `property ${key} should not exist` };
      }
      for (let i = keys.length - 1; i >= 0; i--) {
        stack.push({ value: (visit.value as Record<string, unknown>)[keys[i]], segment: `.${printable(keys[i])}`, parent: visit });
      }
    }
  }
  return null;
}

/** Worded like class-validator's messages ("name must be a string"), which the pipe's 400s carry. */
function found(visit: Visit, problem: string): UnsafeContent {
  const field = pathOf(visit);
  return { field, problem: `${field} ${problem}` };
}

function pathOf(visit: Visit): string {
  const segments: string[] = [];
  for (let v: Visit | null = visit; v; v = v.parent) segments.push(v.segment);
  const path = segments.reverse().join('');
  return path.startsWith('.') ? path.slice(1) : path || '(body)';
}

/** A key as echoed in the error: NUL shown as `\0` and a lone surrogate as `\udXXX`, not sent back raw; cut to 200. */
function printable(key: string): string {
  const shown = key.length > MAX_ECHOED_KEY ? `${key.slice(0, MAX_ECHOED_KEY)}…` : key;
  return shown
    .split(NUL)
    .join('\\0')
    .replace(new RegExp(LONE_SURROGATE.source, 'g'), (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

/**
 * Refuses with a 400 (the validation pipe's shape) a query string or a parsed body holding what
 * findUnsafeContent finds: stored, it would be a 500 (NUL, a lone surrogate in jsonb), silently altered
 * text (a lone surrogate in a text column) or a key the whitelist never sees. Requests marked by `skip`
 * (routes that read their own body) are let through.
 */
export function bodyContentGuard(skip: (req: Request) => boolean) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (skip(req)) return next();
    const unsafe = findUnsafeContent(req.query) ?? findUnsafeContent(req.body);
    if (unsafe === null) return next();
    const problem = toProblem(fieldError(unsafe.field, unsafe.problem));
    res.status(problem.statusCode).json(problem);
  };
}
