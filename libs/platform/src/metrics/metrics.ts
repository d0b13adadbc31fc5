import { Controller, Get, Header } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, register } from 'prom-client';
import { PublicRoute } from '../auth/roles';

let defaultsCollected = false;

/** Process metrics (memory, CPU, event loop lag) with the service name as a label on everything. */
export function initMetrics(service: string): void {
  if (defaultsCollected) return;
  register.setDefaultLabels({ service });
  collectDefaultMetrics({ prefix: 'limye_' });
  defaultsCollected = true;
}

export const httpRequestDuration = new Histogram({
  name: 'limye_http_request_duration_seconds',
  help: 'HTTP request duration by method, route and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
});

export const natsRequestDuration = new Histogram({
  name: 'limye_nats_request_duration_seconds',
  help: 'Outgoing NATS request duration by subject and outcome',
  labelNames: ['subject', 'outcome'] as const,
  buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
});

export function counter(name: string, help: string, labelNames: string[] = []): Counter<string> {
  return (register.getSingleMetric(name) as Counter<string>) ?? new Counter({ name, help, labelNames });
}

export function histogram(name: string, help: string, labelNames: string[] = [], buckets?: number[]): Histogram<string> {
  return (register.getSingleMetric(name) as Histogram<string>) ?? new Histogram({ name, help, labelNames, ...(buckets ? { buckets } : {}) });
}

export function gauge(name: string, help: string, labelNames: string[] = []): Gauge<string> {
  return (register.getSingleMetric(name) as Gauge<string>) ?? new Gauge({ name, help, labelNames });
}

/**
 * A gauge read when /metrics is scraped: `read` returns its value (e.g. a COUNT in the database), or null to
 * leave it as it was (nothing to read from yet, or the read failed: a scrape never fails for one gauge).
 */
export function gaugeReadOnScrape(name: string, help: string, read: () => Promise<number | null>): Gauge<string> {
  const existing = register.getSingleMetric(name) as Gauge<string> | undefined;
  if (existing) return existing;
  return new Gauge({
    name,
    help,
    async collect() {
      const value = await read().catch(() => null);
      if (value !== null) this.set(value);
    },
  });
}

/** Express middleware timing each request under its route pattern (not its raw path: bounded labels). */
export function httpMetricsMiddleware(req: Request, res: Response, next: NextFunction): void {
  const end = httpRequestDuration.startTimer();
  res.on('finish', () => {
    // No route matched (404, or a fault/guard answered before routing): never the raw path, which may hold
    // a national ID or an account number and would make the label set unbounded.
    const route = (req.route?.path as string | undefined) ?? 'unmatched';
    end({ method: req.method, route: `${req.baseUrl ?? ''}${route}`, status: String(res.statusCode) });
  });
  next();
}

@PublicRoute('Prometheus scrapes it without a token; it holds counts, no personal data')
@Controller('metrics')
export class MetricsController {
  @Get()
  @Header('Content-Type', register.contentType)
  async metrics(): Promise<string> {
    return register.metrics();
  }
}
