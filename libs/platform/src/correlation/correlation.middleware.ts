import type { NextFunction, Request, Response } from 'express';
import { Headers } from '@limye/contracts';
import { newCorrelationId, runWithCorrelationId, sanitizeCorrelationId } from './correlation';

/** Takes the caller's X-Correlation-Id (or makes one), echoes it, and runs the request under it. */
export function correlationMiddleware(req: Request, res: Response, next: NextFunction): void {
  const id = sanitizeCorrelationId(req.header(Headers.correlationId)) ?? newCorrelationId();
  res.setHeader(Headers.correlationId, id);
  runWithCorrelationId(id, () => next());
}
