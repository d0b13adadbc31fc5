import type { FastJsonReply, FastJsonRequest, FastJsonRoute } from '@limye/platform';
import type { FaultTarget } from '../faults/domain/fault-book';
import { FaultOutcome, FaultsService } from '../faults/faults.service';
import { RequestLogService } from '../requests/request-log.service';
import { VendorReplyError } from './vendor-reply.error';

/**
 * A simulated vendor route as a fast route (@limye/platform installFastJsonRoutes): what VendorRoutes and
 * VendorReplyFilter give its Nest controller, in the same order — the request is recorded, then its
 * target's fault is played, then `handle` answers; a VendorReplyError is the vendor's own answer.
 */
export function fastVendorRoute(
  target: FaultTarget,
  path: string,
  deps: { requests: RequestLogService; faults: FaultsService },
  handle: (req: FastJsonRequest) => { status: number; body: unknown },
): FastJsonRoute {
  return {
    method: 'POST',
    path,
    handle(req) {
      const record = deps.requests.record(target, req.method, req.url, req.body);
      const outcome = deps.faults.decide(target, req.method, req.url, req.socket);
      const reply = outcome instanceof Promise ? outcome.then((o) => played(o, req, handle)) : played(outcome, req, handle);
      const noted = (r: FastJsonReply) => {
        if (r !== null) record.status = r.status;
        return r;
      };
      return reply instanceof Promise ? reply.then(noted) : noted(reply);
    },
  };
}

function played(outcome: FaultOutcome, req: FastJsonRequest, handle: (req: FastJsonRequest) => { status: number; body: unknown }): FastJsonReply {
  switch (outcome.kind) {
    case 'dropped':
      return null;
    case 'reply':
      return { status: outcome.status, body: outcome.body };
    case 'pass':
    case 'replace': {
      const answer = vendorAnswer(req, handle);
      // error500_after_apply: the handler's work is done (a credit applied), its answer is swapped for the 500.
      return outcome.kind === 'replace' ? { status: outcome.status, body: outcome.body } : answer;
    }
  }
}

/** The handler's answer, or the vendor-shaped error it threw; any other error goes to the platform's handling. */
export function vendorAnswer(req: FastJsonRequest, handle: (req: FastJsonRequest) => { status: number; body: unknown }): { status: number; body: unknown } {
  try {
    return handle(req);
  } catch (err) {
    if (err instanceof VendorReplyError) return { status: err.status, body: err.body };
    throw err;
  }
}
