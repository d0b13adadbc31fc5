import type { NextFunction, Request, Response } from 'express';
import { Headers } from '@limye/contracts';
import { newCorrelationId, sanitizeCorrelationId } from './correlation';
import { RequestContext, requestContext } from './request-context';

/**
 * Takes the caller's X-Correlation-Id (or makes one), echoes it, and runs the request under it. The request
 * itself is kept in the context: the organisation is its principal's, once the authentication guard set it.
 */
export function correlationMiddleware(req: Request, res: Response, next: NextFunction): void {
  const id = sanitizeCorrelationId(req.header(Headers.correlationId)) ?? newCorrelationId();
  res.setHeader(Headers.correlationId, id);
  requestContext.run({ correlationId: id, request: req as RequestContext['request'] }, () => next());
}
