import { Logger } from '@nestjs/common';
import { Agent } from 'undici';
import { CircuitBreaker, CircuitBreakerOptions, CircuitState } from './circuit-breaker';
import { forgetBreaker, OutboundMetrics, reportBreaker } from './outbound.metrics';
import { classifyTransportError, OutboundFailure, OutboundResult, OutboundUnreachable, parseResponseBody, statusClass, transportErrorCode } from './outbound-result';
import { redactSecrets, sensitiveHeaderValues } from './redaction';
import { DEFAULT_RETRY_POLICY, HttpMethod, isRepeatable, RetryPolicy, retryDelayMs } from './retry-policy';

export interface OutboundClientOptions {
  /** Bounded name in metrics and logs: "moncash", "meis", "sparkmeter-koios-v1". */
  system: string;
  /** Where calls go: an origin and an optional path prefix (`https://host/Api`). A call may name another. */
  baseUrl: string;
  /** One attempt's limit (connection, queueing for a connection, answer and body). */
  timeoutMs: number;
  /** A call's limit, its retries and pauses included, when the call gives no `deadlineAt` of its own. */
  deadlineMs?: number;
  /** Sent on every call. Credentials in them (and in a call's headers) never appear in a reason or a log. */
  headers?: Record<string, string>;
  /** Other values never to show (a client secret sent in a body, say). */
  secrets?: string[];
  /** For repeatable calls only (see retry-policy.ts). Default: 3 attempts, 100 ms doubling to 1 s. */
  retry?: Partial<RetryPolicy>;
  /** One breaker per origin. Default: open after 5 failures in a row, for 10 s. `false`: none. */
  breaker?: CircuitBreakerOptions | false;
  /** Connections at most per origin (more calls wait for one, within their timeout). Default 64. */
  connectionsPerOrigin?: number;
  /** How long an idle connection is kept for the next call. Default 4 s (below Node's and nginx's 5 s). */
  keepAliveMs?: number;
  /** The variable holding this system's credentials: a 401/403 is then logged once, at error, naming it. */
  credentialsEnv?: string;
}

export interface OutboundRequest {
  method: HttpMethod;
  /** Path template for metrics and logs, e.g. "/v1/persons/{nationalId}". Never the path itself: it holds IDs. */
  route: string;
  /** The path (and query) sent, appended to the base URL's path. */
  path: string;
  /** Another base URL than the client's (a vendor with one server per site): its own pool and breaker. */
  baseUrl?: string;
  headers?: Record<string, string>;
  /** Serialised once, as the body, with content-type application/json. */
  json?: unknown;
  /** A body already serialised (a form, say); set its content-type in `headers`. */
  body?: string;
  /** Safe to send again (see retry-policy.ts): overrides what the method implies. */
  idempotent?: boolean;
  /** This call's attempt timeout, instead of the client's. */
  timeoutMs?: number;
  /** Epoch ms by which the call is over, retries included. */
  deadlineAt?: number;
  /** Ends the call: aborted by a timeout (AbortSignal.timeout) it is a `timeout`, otherwise `abandoned`. */
  signal?: AbortSignal;
}

/** Below this much time left before the deadline, another attempt could not finish: give up. */
const MIN_ATTEMPT_MS = 50;
const DEFAULT_BREAKER: CircuitBreakerOptions = { failureThreshold: 5, openMs: 10_000 };

interface Target {
  origin: string;
  prefix: string;
  breaker: CircuitBreaker | null;
}

/**
 * The one way Limye calls outside systems (MonCash, SparkMeter, MEIS, OMIS, and every provider and vendor
 * after them): HTTP/1.1 over undici with keep-alive connections pooled per origin, a timeout per attempt
 * and a deadline per call, retries with jittered back-off for calls that are safe to repeat, a circuit
 * breaker per origin, the same metrics for every system (by route template), and credentials kept out of
 * every reason and log. It never throws: the result says what happened, typed, for the caller to map to
 * its domain. Nothing is logged at info on the hot path: failed attempts at debug, the breaker opening and
 * closing at warn and log.
 */
export class OutboundHttpClient {
  private readonly logger: Logger;
  private readonly agent: Agent;
  private readonly metrics: OutboundMetrics;
  private readonly retry: RetryPolicy;
  private readonly defaultHeaders: Record<string, string>;
  private readonly targets = new Map<string, Target>();
  private credentialsRefusalLogged = false;

  constructor(private readonly opts: OutboundClientOptions) {
    this.logger = new Logger(`Outbound:${opts.system}`);
    this.agent = new Agent({
      connections: opts.connectionsPerOrigin ?? 64,
      keepAliveTimeout: opts.keepAliveMs ?? 4_000,
      keepAliveMaxTimeout: Math.max(opts.keepAliveMs ?? 4_000, 60_000),
      // Our own timer bounds the attempt; these only must not cut it shorter.
      headersTimeout: 0,
      bodyTimeout: 0,
    });
    this.metrics = new OutboundMetrics(opts.system);
    this.retry = { ...DEFAULT_RETRY_POLICY, ...opts.retry };
    this.defaultHeaders = { accept: 'application/json', ...opts.headers };
    this.target(opts.baseUrl); // a bad base URL fails at start, and the breaker shows in /metrics from the start
  }

  get system(): string {
    return this.opts.system;
  }

  /** The breaker's state for an origin (the client's base URL by default): what /metrics shows too. */
  breakerState(baseUrl: string = this.opts.baseUrl): CircuitState {
    return this.target(baseUrl).breaker?.state ?? 'closed';
  }

  /** Closes every breaker of this client, as if the systems had just answered (tests start clean with it). */
  resetBreakers(): void {
    for (const t of this.targets.values()) t.breaker?.recordSuccess();
  }

  /** `text` without this client's credentials (and anything that looks like one), for callers' own messages. */
  redact(text: string, extraSecrets: readonly string[] = []): string {
    return redactSecrets(text, [...this.secrets(undefined), ...extraSecrets]);
  }

  async request(req: OutboundRequest): Promise<OutboundResult> {
    const target = this.target(req.baseUrl ?? this.opts.baseUrl);
    const maxAttempts = isRepeatable(req.method, req.idempotent) ? Math.max(1, this.retry.attempts) : 1;
    const deadlineAt = req.deadlineAt ?? (this.opts.deadlineMs !== undefined ? Date.now() + this.opts.deadlineMs : undefined);
    const timeoutMs = req.timeoutMs ?? this.opts.timeoutMs;
    let last: OutboundResult | undefined;
    for (let attempt = 1; ; attempt++) {
      if (req.signal?.aborted) {
        const failure = signalFailure(req.signal);
        return failure === 'timeout' && last ? last : this.notSent(req, failure, attempt - 1);
      }
      const left = deadlineAt === undefined ? Infinity : deadlineAt - Date.now();
      if (left < MIN_ATTEMPT_MS) return last ?? this.notSent(req, 'timeout', attempt - 1);
      const result = await this.attempt(req, target, Math.min(timeoutMs, left), attempt);
      if (attempt >= maxAttempts || !worthRetrying(result) || req.signal?.aborted) return result;
      const pause = retryDelayMs(attempt, this.retry);
      if (deadlineAt !== undefined && Date.now() + pause + MIN_ATTEMPT_MS > deadlineAt) return result;
      last = result;
      await sleep(pause, req.signal);
    }
  }

  /** Closes the pooled connections (after the calls in flight). Call it on shutdown. */
  async close(): Promise<void> {
    for (const [, t] of this.targets) if (t.breaker) forgetBreaker(this.opts.system, t.origin, t.breaker);
    await this.agent.close();
  }

  private async attempt(req: OutboundRequest, target: Target, timeoutMs: number, attempt: number): Promise<OutboundResult> {
    const { breaker } = target;
    if (breaker && !breaker.tryAcquire()) {
      this.metrics.record(req.method, req.route, 'breaker_open');
      return { kind: 'unreachable', failure: 'breaker_open', reason: 'circuit open', attempts: attempt };
    }

    // One controller for the attempt: our timer, or the caller's signal, aborts it; `ended` says which.
    const controller = new AbortController();
    let ended: 'timeout' | 'abandoned' | undefined;
    const timer = setTimeout(() => {
      ended ??= 'timeout';
      controller.abort();
    }, timeoutMs);
    const outer = req.signal;
    const onOuterAbort = () => {
      ended ??= signalFailure(outer!);
      controller.abort();
    };
    outer?.addEventListener('abort', onOuterAbort, { once: true });

    const started = performance.now();
    const headers = req.json !== undefined ? { ...this.defaultHeaders, 'content-type': 'application/json', ...req.headers } : req.headers ? { ...this.defaultHeaders, ...req.headers } : this.defaultHeaders;
    try {
      const res = await this.agent.request({
        origin: target.origin,
        path: target.prefix + req.path,
        method: req.method,
        headers,
        body: req.json !== undefined ? JSON.stringify(req.json) : req.body,
        signal: controller.signal,
      });
      const text = await res.body.text();
      const seconds = (performance.now() - started) / 1000;
      const status = res.statusCode;
      this.metrics.record(req.method, req.route, statusClass(status), seconds);
      if (breaker) {
        if (status >= 500) this.breakerFailed(breaker, target);
        else if (breaker.recordSuccess()) this.logger.log({ msg: `${this.opts.system} answers again: circuit closed`, origin: target.origin });
      }
      if ((status === 401 || status === 403) && this.opts.credentialsEnv && !this.credentialsRefusalLogged) {
        this.credentialsRefusalLogged = true;
        this.logger.error({ msg: `${this.opts.system} refused our credentials: check ${this.opts.credentialsEnv}`, method: req.method, route: req.route, status });
      }
      return { kind: 'answered', status, body: parseResponseBody(text), headers: res.headers, attempts: attempt };
    } catch (err) {
      const seconds = (performance.now() - started) / 1000;
      const failure: OutboundFailure = ended ?? classifyTransportError(err);
      if (failure === 'abandoned') {
        breaker?.release(); // says nothing about the system's health
        this.metrics.record(req.method, req.route, 'abandoned');
        return { kind: 'unreachable', failure, reason: 'abandoned', attempts: attempt };
      }
      this.metrics.record(req.method, req.route, failure, seconds);
      if (breaker) this.breakerFailed(breaker, target);
      const reason = this.redact(`${req.method} ${req.route} ${describeFailure(failure, err, ended === 'timeout' && !outer?.aborted ? timeoutMs : undefined)}`, sensitiveHeaderValues(req.headers));
      this.logger.debug({ msg: `${this.opts.system} did not answer`, method: req.method, route: req.route, outcome: failure, attempt, reason, circuit: breaker?.state });
      return { kind: 'unreachable', failure, reason, attempts: attempt };
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
    }
  }

  private breakerFailed(breaker: CircuitBreaker, target: Target): void {
    if (breaker.recordFailure()) {
      this.logger.warn({
        msg: `${this.opts.system} failed ${breaker.opts.failureThreshold} times in a row: circuit open, calls fail fast for ${breaker.opts.openMs} ms`,
        origin: target.origin,
      });
    }
  }

  private notSent(req: OutboundRequest, failure: OutboundFailure, attempts: number): OutboundUnreachable {
    this.metrics.record(req.method, req.route, failure);
    const reason = failure === 'abandoned' ? 'abandoned' : `${req.method} ${req.route}: no time left for an attempt`;
    return { kind: 'unreachable', failure, reason, attempts };
  }

  private secrets(callHeaders: Record<string, string> | undefined): string[] {
    return [...sensitiveHeaderValues(this.defaultHeaders), ...sensitiveHeaderValues(callHeaders), ...(this.opts.secrets ?? [])];
  }

  /** Origin, path prefix and breaker of a base URL, parsed once. */
  private target(baseUrl: string): Target {
    let t = this.targets.get(baseUrl);
    if (t) return t;
    const url = new URL(baseUrl);
    const breakerOpts = this.opts.breaker === false ? null : (this.opts.breaker ?? DEFAULT_BREAKER);
    t = { origin: url.origin, prefix: url.pathname.replace(/\/+$/, ''), breaker: breakerOpts ? this.sharedBreaker(url.origin, breakerOpts) : null };
    this.targets.set(baseUrl, t);
    if (t.breaker) reportBreaker(this.opts.system, t.origin, t.breaker);
    return t;
  }

  /** Two base URLs on one origin (`…/meis`, `…/omis` of one host, in one client) share its breaker. */
  private sharedBreaker(origin: string, opts: CircuitBreakerOptions): CircuitBreaker {
    for (const t of this.targets.values()) if (t.origin === origin && t.breaker) return t.breaker;
    return new CircuitBreaker(opts);
  }
}

/** Worth another attempt: no answer (except a breaker that is open or a caller that gave up), or a 5xx. */
function worthRetrying(result: OutboundResult): boolean {
  if (result.kind === 'answered') return result.status >= 500;
  return result.failure !== 'breaker_open' && result.failure !== 'abandoned';
}

/** An aborted caller signal: its time budget ran out (AbortSignal.timeout), or it gave the call up. */
function signalFailure(signal: AbortSignal): 'timeout' | 'abandoned' {
  return (signal.reason as { name?: string } | undefined)?.name === 'TimeoutError' ? 'timeout' : 'abandoned';
}

function describeFailure(failure: OutboundFailure, err: unknown, timeoutMs: number | undefined): string {
  const code = transportErrorCode(err);
  switch (failure) {
    case 'timeout':
      return timeoutMs !== undefined ? `timed out after ${timeoutMs} ms` : `timed out${code ? ` (${code})` : ': the time budget ran out'}`;
    case 'connection_refused':
      return `failed: connection refused (${code})`;
    case 'connection_reset':
      return `failed: connection closed or reset before the answer (${code})`;
    default:
      return `failed: ${code ?? (err as Error)?.message ?? String(err)}`;
  }
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
