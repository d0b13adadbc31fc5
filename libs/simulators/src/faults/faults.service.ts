import { BadRequestException, Injectable, OnModuleDestroy } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Socket } from 'net';
import { ActiveFault, FAULT_TARGETS, FaultBook, FaultSpec, FaultTarget, faultSpecProblem, isFaultTarget } from './domain/fault-book';
import { vendorErrorBody } from './domain/vendor-error-body';

type Middleware = (req: Request, res: Response, next: NextFunction) => void;

/** What a fault makes of a request (FaultsService.decide). */
export type FaultOutcome =
  | { kind: 'pass' }
  | { kind: 'dropped' }
  | { kind: 'reply'; status: number; body: unknown }
  | { kind: 'replace'; status: number; body: unknown };

const PASS: FaultOutcome = { kind: 'pass' };
const DROPPED: FaultOutcome = { kind: 'dropped' };

interface HeldRequest {
  socket: Socket;
  timer: NodeJS.Timeout;
}

/**
 * Holds the faults in force and plays them on simulator requests. It also remembers every request it is
 * holding back (slow, timeout) so that clearing faults or closing the app never leaves a socket hanging.
 */
@Injectable()
export class FaultsService implements OnModuleDestroy {
  private readonly book = new FaultBook();
  private readonly held = new Set<HeldRequest>();

  set(target: string, spec: FaultSpec): ActiveFault | null {
    if (!isFaultTarget(target)) throw new BadRequestException(`unknown fault target "${target}" (${FAULT_TARGETS.join(', ')})`);
    const problem = faultSpecProblem(target, spec);
    if (problem) throw new BadRequestException(problem);
    return this.book.set(target, spec, Date.now());
  }

  list(): ActiveFault[] {
    return this.book.list(Date.now());
  }

  /** Removes every fault and drops the requests still held by 'slow' or 'timeout'. */
  clear(): void {
    this.book.clear();
    this.releaseHeld();
  }

  onModuleDestroy(): void {
    this.releaseHeld();
  }

  /** Express middleware for one simulator; mounted by the simulator's module on its own routes. */
  middlewareFor(target: FaultTarget): Middleware {
    return (req, res, next) => {
      const outcome = this.decide(target, req.method, req.originalUrl, req.socket);
      if (outcome instanceof Promise) void outcome.then((o) => this.apply(o, res, next));
      else this.apply(outcome, res, next);
    };
  }

  /**
   * What the fault in force (if any) makes of one request to `target` — the same for the Express
   * middleware and the simulators' fast routes: go on (no fault, or a 'slow' one once its delay is over),
   * drop the connection ('down', 'timeout' once its delay is over), answer an error instead, or run the
   * handler and answer a 500 instead of what it says ('error500_after_apply'). A held request's promise
   * never settles if the hold is released (faults cleared, app closed): its socket is destroyed.
   */
  decide(target: FaultTarget, method: string, url: string, socket: Socket): FaultOutcome | Promise<FaultOutcome> {
    const fault = this.book.take(target, Date.now(), `${method} ${url}`);
    if (!fault) return PASS;
    const path = vendorPath(url);
    switch (fault.mode) {
      case 'down':
        socket.destroy();
        return DROPPED;
      case 'timeout':
        return new Promise((resolve) =>
          this.hold(socket, fault.delayMs, () => {
            socket.destroy();
            resolve(DROPPED);
          }, true),
        );
      case 'slow':
        return new Promise((resolve) => this.hold(socket, fault.delayMs, () => resolve(PASS)));
      case 'error500':
        return { kind: 'reply', status: 500, body: vendorErrorBody(target, path, Date.now()) };
      case 'status': {
        const status = fault.status ?? 500;
        return { kind: 'reply', status, body: vendorErrorBody(target, path, Date.now(), status) };
      }
      case 'error500_after_apply':
        return { kind: 'replace', status: 500, body: vendorErrorBody(target, path, Date.now()) };
    }
  }

  private apply(outcome: FaultOutcome, res: Response, next: NextFunction): void {
    switch (outcome.kind) {
      case 'pass':
        return next();
      case 'dropped':
        return;
      case 'reply':
        res.status(outcome.status).json(outcome.body);
        return;
      case 'replace': {
        // Lets the handler do its work (credit applied), then swaps whatever it answers for the 500.
        const json = res.json.bind(res);
        res.json = () => json.call(res.status(outcome.status), outcome.body);
        return next();
      }
    }
  }

  /**
   * Runs `then` after `ms`. A held 'timeout' ends when its caller hangs up; a 'slow' request still runs
   * its handler, as a real server would finish work whose caller gave up waiting.
   */
  private hold(socket: Socket, ms: number, then: () => void, dropOnClose = false): void {
    const entry: HeldRequest = {
      socket,
      timer: setTimeout(() => {
        this.held.delete(entry);
        then();
      }, ms),
    };
    this.held.add(entry);
    if (dropOnClose) {
      socket.once('close', () => {
        clearTimeout(entry.timer);
        this.held.delete(entry);
      });
    }
  }

  private releaseHeld(): void {
    for (const { socket, timer } of this.held) {
      clearTimeout(timer);
      socket.destroy();
    }
    this.held.clear();
  }
}

/** MonCash reports paths without its `/Api` mount; the others echo nothing, so the raw path will do. */
function vendorPath(url: string): string {
  return url.split('?')[0].replace(/^\/Api(?=\/)/, '');
}
