import { BadRequestException, Injectable, OnModuleDestroy } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Socket } from 'net';
import { ActiveFault, FAULT_TARGETS, FaultBook, FaultSpec, FaultTarget, faultSpecProblem, isFaultTarget } from './domain/fault-book';
import { vendorErrorBody } from './domain/vendor-error-body';

type Middleware = (req: Request, res: Response, next: NextFunction) => void;

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
    return (req, res, next) => this.play(target, req, res, next);
  }

  private play(target: FaultTarget, req: Request, res: Response, next: NextFunction): void {
    const fault = this.book.take(target, Date.now(), `${req.method} ${req.originalUrl}`);
    if (!fault) return next();
    switch (fault.mode) {
      case 'down':
        req.socket.destroy();
        return;
      case 'timeout':
        this.hold(req.socket, fault.delayMs, () => req.socket.destroy(), true);
        return;
      case 'slow':
        this.hold(req.socket, fault.delayMs, next);
        return;
      case 'error500':
        res.status(500).json(vendorErrorBody(target, vendorPath(req), Date.now()));
        return;
      case 'status': {
        const status = fault.status ?? 500;
        res.status(status).json(vendorErrorBody(target, vendorPath(req), Date.now(), status));
        return;
      }
      case 'error500_after_apply':
        this.answer500Instead(target, req, res);
        return next();
    }
  }

  /** Lets the handler do its work (credit applied), then swaps whatever it answers for a 500. */
  private answer500Instead(target: FaultTarget, req: Request, res: Response): void {
    const json = res.json.bind(res);
    res.json = () => json.call(res.status(500), vendorErrorBody(target, vendorPath(req), Date.now()));
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
function vendorPath(req: Request): string {
  return req.originalUrl.split('?')[0].replace(/^\/Api(?=\/)/, '');
}
