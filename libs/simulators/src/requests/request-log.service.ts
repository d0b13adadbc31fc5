import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { BoundedLog } from '../common/bounded-log';
import type { FaultTarget } from '../faults/domain/fault-book';
import { externalIdOf, matchesRequest, RequestFilter, RequestRecord } from './domain/request-record';

/** Enough for any test and for several seconds of a benchmark; older requests are forgotten. */
export const KEEP_REQUESTS = 10_000;

/**
 * Every request that reaches a simulated vendor API, in order, with what it carried and what it was
 * answered: how often a service called, what it sent, whether it asked before sending again. Recorded
 * before faults are played (a dropped request is there, with status 0). Costs a small object per request.
 */
@Injectable()
export class RequestLogService {
  private readonly log = new BoundedLog<RequestRecord>(KEEP_REQUESTS);
  private seq = 0;

  /** Express middleware for one simulator's vendor routes (VendorRoutes mounts it ahead of the faults). */
  middlewareFor(target: FaultTarget): (req: Request, res: Response, next: NextFunction) => void {
    return (req, res, next) => {
      const record: RequestRecord = {
        seq: ++this.seq,
        at: new Date().toISOString(),
        target,
        method: req.method,
        path: req.originalUrl,
        externalId: externalIdOf(req.body, req.query),
        status: 0,
        body: req.body,
      };
      this.log.add(record);
      res.once('finish', () => (record.status = res.statusCode));
      next();
    };
  }

  /** Oldest first; copies. */
  list(filter: RequestFilter = {}): RequestRecord[] {
    return this.log
      .toArray()
      .filter((r) => matchesRequest(r, filter))
      .map((r) => ({ ...r }));
  }

  /** Forgets what was recorded (seq goes on counting, so `after` stays meaningful). */
  clear(): void {
    this.log.clear();
  }
}
