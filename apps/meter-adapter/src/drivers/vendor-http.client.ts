import { Injectable, Logger } from '@nestjs/common';
import { describeNetworkError, parseResponseBody } from '@limye/platform';
import { vendorCallDuration } from './vendor-call.metrics';

export interface VendorCall {
  driver: string;
  /** Bounded label for metrics and logs, e.g. "koios.pay". */
  operation: string;
  method: 'GET' | 'POST';
  url: string;
  /** Credentials travel here and nowhere else: never logged, never put in a reason. */
  headers: Record<string, string>;
  json?: unknown;
  signal: AbortSignal;
}

export type VendorResponse = { kind: 'answered'; status: number; body: unknown } | { kind: 'unreachable'; reason: string };

/**
 * The one way drivers call vendors: JSON over fetch, bounded by the attempt's signal, with the body read
 * as JSON when it is JSON and as text otherwise (vendors send empty and HTML bodies too). Network errors
 * and timeouts become `unreachable` answers, so drivers classify every case without try/catch. Only
 * debug logs here: the attempt logs its outcome and reason once.
 */
@Injectable()
export class VendorHttpClient {
  private readonly logger = new Logger(VendorHttpClient.name);

  async call(req: VendorCall): Promise<VendorResponse> {
    const end = vendorCallDuration.startTimer({ driver: req.driver, operation: req.operation });
    try {
      const res = await fetch(req.url, {
        method: req.method,
        headers: { accept: 'application/json', ...(req.json !== undefined ? { 'content-type': 'application/json' } : {}), ...req.headers },
        body: req.json !== undefined ? JSON.stringify(req.json) : undefined,
        signal: req.signal,
      });
      const body = parseResponseBody(await res.text());
      end({ result: String(res.status) });
      this.logger.debug({ msg: 'vendor answered', driver: req.driver, operation: req.operation, status: res.status });
      return { kind: 'answered', status: res.status, body };
    } catch (err) {
      const timedOut = req.signal.aborted;
      end({ result: timedOut ? 'timeout' : 'error' });
      const reason = timedOut ? `${req.operation} timed out` : `${req.operation} failed: ${describeNetworkError(err)}`;
      this.logger.debug({ msg: 'vendor unreachable', driver: req.driver, operation: req.operation, reason });
      return { kind: 'unreachable', reason };
    }
  }
}

