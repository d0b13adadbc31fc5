import { Logger } from '@nestjs/common';
import { describeNetworkError, parseResponseBody } from '@limye/platform';
import { CircuitBreaker } from '@limye/platform';
import { nationalSystemDuration, nationalSystemRequests } from './national-systems.metrics';

export type SystemName = 'MEIS' | 'OMIS';

export type SystemAnswer = { kind: 'answered'; status: number; body: unknown } | { kind: 'unreachable'; reason: string };

export interface NationalSystemHttpOptions {
  system: SystemName;
  baseUrl: string;
  /** Sent as X-API-Key; never logged. */
  apiKey: string;
  attemptTimeoutMs: number;
  breaker: CircuitBreaker;
}

/** Below this much time left, another attempt could not finish: give up. */
const MIN_ATTEMPT_MS = 50;
const RETRY_PAUSE_MS = 100;

/**
 * The one way the eligibility service calls MEIS and OMIS: JSON over Node's fetch with the API key, each
 * attempt bounded by its own timeout, behind the system's circuit breaker, timed and counted. Paths may
 * hold national IDs, so URLs are never logged: only the operation name.
 */
export class NationalSystemHttp {
  private readonly logger: Logger;
  private keyRefusalLogged = false;

  constructor(private readonly opts: NationalSystemHttpOptions) {
    this.logger = new Logger(`${opts.system}Client`);
  }

  get breaker(): CircuitBreaker {
    return this.opts.breaker;
  }

  /**
   * A read (GET), retried on network error, timeout and 5xx while `deadlineAt` (epoch ms) allows.
   * `signal` abandons it early (the other system already decided the answer).
   */
  async read(operation: string, path: string, deadlineAt: number, signal?: AbortSignal): Promise<SystemAnswer> {
    let last: SystemAnswer = { kind: 'unreachable', reason: 'no time left for an attempt' };
    for (let attempt = 1; ; attempt++) {
      const left = deadlineAt - Date.now();
      if (signal?.aborted) return { kind: 'unreachable', reason: 'abandoned' };
      if (left < MIN_ATTEMPT_MS) return last;
      const answer = await this.attempt(operation, 'GET', path, undefined, Math.min(this.opts.attemptTimeoutMs, left), signal);
      if (!isRetriable(answer) || signal?.aborted || (answer.kind === 'unreachable' && answer.reason === 'circuit open')) return answer;
      last = answer;
      const pause = Math.min(RETRY_PAUSE_MS * attempt, deadlineAt - Date.now() - MIN_ATTEMPT_MS);
      if (pause > 0) await sleep(pause, signal);
    }
  }

  /** A write (PUT/POST): one attempt; the OMIS outbox decides about retries. */
  write(operation: string, method: 'PUT' | 'POST', path: string, body: unknown): Promise<SystemAnswer> {
    return this.attempt(operation, method, path, body, this.opts.attemptTimeoutMs);
  }

  private async attempt(
    operation: string,
    method: string,
    path: string,
    body: unknown,
    timeoutMs: number,
    outer?: AbortSignal,
  ): Promise<SystemAnswer> {
    const { system, breaker } = this.opts;
    if (!breaker.tryAcquire()) {
      nationalSystemRequests.inc({ system, operation, outcome: 'circuit_open' });
      return { kind: 'unreachable', reason: 'circuit open' };
    }
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = outer ? AbortSignal.any([timeout, outer]) : timeout;
    const started = process.hrtime.bigint();
    let outcome: string;
    let answer: SystemAnswer;
    try {
      const res = await fetch(`${this.opts.baseUrl}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          'x-api-key': this.opts.apiKey,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
        signal,
      });
      const parsed = parseResponseBody(await res.text());
      outcome = `${Math.floor(res.status / 100)}xx`;
      answer = { kind: 'answered', status: res.status, body: parsed };
      if (res.status >= 500) breaker.recordFailure();
      else breaker.recordSuccess();
      if ((res.status === 401 || res.status === 403) && !this.keyRefusalLogged) {
        this.keyRefusalLogged = true;
        this.logger.error({ msg: `${system} refused the API key: check ${system}_API_KEY`, operation, status: res.status });
      }
    } catch (err) {
      if (outer?.aborted && !timeout.aborted) {
        // Abandoned by the caller: says nothing about the system's health.
        breaker.release();
        nationalSystemRequests.inc({ system, operation, outcome: 'abandoned' });
        return { kind: 'unreachable', reason: 'abandoned' };
      }
      outcome = timeout.aborted ? 'timeout' : 'error';
      answer = { kind: 'unreachable', reason: timeout.aborted ? `${operation} timed out after ${timeoutMs} ms` : `${operation} failed: ${describeNetworkError(err)}` };
      breaker.recordFailure();
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    nationalSystemRequests.inc({ system, operation, outcome });
    nationalSystemDuration.observe({ system, operation, outcome }, seconds);
    if (outcome !== '2xx' && outcome !== '4xx') {
      this.logger.warn({ msg: `${system} did not answer`, operation, outcome, reason: answer.kind === 'unreachable' ? answer.reason : undefined, circuit: breaker.state });
    }
    return answer;
  }
}

function isRetriable(answer: SystemAnswer): boolean {
  return answer.kind === 'unreachable' || answer.status >= 500;
}


function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
