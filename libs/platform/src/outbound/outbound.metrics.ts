import { Counter, Gauge, Histogram, register } from 'prom-client';
import type { CircuitBreaker, CircuitState } from './circuit-breaker';
import type { OutboundOutcome } from './outbound-result';

/**
 * Metrics of every call to an outside system, the same for all of them. Labels are bounded by design:
 * `system` is a client's name, `route` its path template (`/v1/persons/{nationalId}`, never a raw path that
 * would hold an ID), `outcome` a status class or a failure kind, `origin` a configured base URL's origin.
 */
const LABELS = ['system', 'method', 'route', 'outcome'] as const;

export const outboundRequests: Counter<(typeof LABELS)[number]> =
  (register.getSingleMetric('limye_outbound_requests_total') as Counter<(typeof LABELS)[number]>) ??
  new Counter({
    name: 'limye_outbound_requests_total',
    help: 'HTTP attempts to outside systems by system, method, route template and outcome (status class, timeout, connection_refused, connection_reset, network_error, breaker_open, abandoned)',
    labelNames: LABELS,
  });

export const outboundDuration: Histogram<(typeof LABELS)[number]> =
  (register.getSingleMetric('limye_outbound_request_duration_seconds') as Histogram<(typeof LABELS)[number]>) ??
  new Histogram({
    name: 'limye_outbound_request_duration_seconds',
    help: 'Duration of one HTTP attempt to an outside system by system, method, route template and outcome',
    labelNames: LABELS,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  });

const STATE_VALUE: Record<CircuitState, number> = { closed: 0, half_open: 1, open: 2 };

/** The breakers to report, by system and origin (the latest client's, when a system is built twice, as tests do). */
const breakers = new Map<string, { system: string; origin: string; breaker: CircuitBreaker }>();

export function reportBreaker(system: string, origin: string, breaker: CircuitBreaker): void {
  breakers.set(`${system} ${origin}`, { system, origin, breaker });
}

export function forgetBreaker(system: string, origin: string, breaker: CircuitBreaker): void {
  const key = `${system} ${origin}`;
  if (breakers.get(key)?.breaker === breaker) breakers.delete(key);
}

/** Read when scraped: open turns half-open by the clock alone, with no call to record it. */
export const outboundBreakerState: Gauge<'system' | 'origin'> =
  (register.getSingleMetric('limye_outbound_breaker_state') as Gauge<'system' | 'origin'>) ??
  new Gauge({
    name: 'limye_outbound_breaker_state',
    help: 'Circuit breaker of an outside system by system and origin: 0 closed, 1 half-open (one trial call allowed), 2 open (calls fail fast)',
    labelNames: ['system', 'origin'] as const,
    collect() {
      for (const { system, origin, breaker } of breakers.values()) this.set({ system, origin }, STATE_VALUE[breaker.state]);
    },
  });

/** One attempt's counter and histogram children, looked up once per (method, route, outcome) and kept. */
export class OutboundMetrics {
  private readonly children = new Map<string, { count: Counter.Internal; time: Histogram.Internal<string> }>();

  constructor(private readonly system: string) {}

  record(method: string, route: string, outcome: OutboundOutcome, seconds?: number): void {
    const key = `${method} ${route} ${outcome}`;
    let child = this.children.get(key);
    if (!child) {
      const labels = { system: this.system, method, route, outcome };
      child = { count: outboundRequests.labels(labels), time: outboundDuration.labels(labels) };
      this.children.set(key, child);
    }
    child.count.inc();
    if (seconds !== undefined) child.time.observe(seconds);
  }
}
