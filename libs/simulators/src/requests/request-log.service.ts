import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { BoundedLog } from '../common/bounded-log';
import type { FaultTarget } from '../faults/domain/fault-book';
import { externalIdOf, matchesRequest, RequestFilter, RequestRecord } from './domain/request-record';

/** A RequestRecord as kept: the time as epoch ms, formatted only when listed (not on every request). */
type LoggedRequest = Omit<RequestRecord, 'at'> & { at: number };

/** Enough for any test and for several seconds of a benchmark; older requests are forgotten. */
export const KEEP_REQUESTS = 10_000;

/**
 * Every request that reaches a simulated vendor API, in order, with what it carried and what it was
 * answered: how often a service called, what it sent, whether it asked before sending again. Recorded
 * before faults are played (a dropped request is there, with status 0). Costs a small object per request.
 */
@Injectable()
export class RequestLogService {
  private readonly log = new BoundedLog<LoggedRequest>(KEEP_REQUESTS);
  private seq = 0;

  /** Express middleware for one simulator's vendor routes (VendorRoutes mounts it ahead of the faults). */
  middlewareFor(target: FaultTarget): (req: Request, res: Response, next: NextFunction) => void {
    return (req, res, next) => {
      // Express 5 parses the query string on every read of req.query: only when there is one.
      const record = this.record(target, req.method, req.originalUrl, req.body, req.originalUrl.includes('?') ? req.query : undefined);
      res.once('finish', () => (record.status = res.statusCode));
      next();
    };
  }

  /** Records one request (status 0 until the caller sets the status it answered). Also used by the fast routes. */
  record(target: FaultTarget, method: string, url: string, body: unknown, query?: unknown): { status: number } {
    const record: LoggedRequest = {
      seq: ++this.seq,
      at: Date.now(),
      target,
      method,
      path: url,
      externalId: externalIdOf(body, query),
      status: 0,
      body,
    };
    this.log.add(record);
    return record;
  }

  /** Oldest first; copies. */
  list(filter: RequestFilter = {}): RequestRecord[] {
    return this.log
      .toArray()
      .map((r) => ({ ...r, at: new Date(r.at).toISOString() }))
      .filter((r) => matchesRequest(r, filter));
  }

  /** Forgets what was recorded (seq goes on counting, so `after` stays meaningful). */
  clear(): void {
    this.log.clear();
  }
}
