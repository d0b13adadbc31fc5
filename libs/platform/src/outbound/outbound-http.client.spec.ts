import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import { Logger, LoggerService } from '@nestjs/common';
import { register } from 'prom-client';
import { OutboundClientOptions, OutboundHttpClient } from './outbound-http.client';
import { CapturingLogger } from '@limye/testing';

/** A real HTTP server on a loopback port, whose answer each test decides. */
class TestServer {
  handler: (req: IncomingMessage, res: ServerResponse, body: string) => void = (_req, res) => res.end();
  readonly seen: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: string }> = [];
  connections = 0;
  url = '';
  private server?: Server;
  private readonly timers = new Set<NodeJS.Timeout>();

  async start(): Promise<void> {
    this.server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const body = Buffer.concat(chunks).toString('utf8');
      this.seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      this.handler(req, res, body);
    });
    this.server.on('connection', () => this.connections++);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  reset(): void {
    this.seen.length = 0;
    this.connections = 0;
    this.handler = (_req, res) => res.end();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.server?.closeAllConnections();
  }

  async stop(): Promise<void> {
    this.reset();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

describe('OutboundHttpClient against a real HTTP server', () => {
  const server = new TestServer();
  const logs = new CapturingLogger();
  const clients: OutboundHttpClient[] = [];
  let systemNo = 0;
  const client = (opts: Partial<OutboundClientOptions> = {}) => {
    const c = new OutboundHttpClient({ system: `test-${++systemNo}`, baseUrl: `${server.url}/api`, timeoutMs: 1000, retry: { baseDelayMs: 20, maxDelayMs: 40 }, ...opts });
    clients.push(c);
    return c;
  };
  const get = (c: OutboundHttpClient, extra: Record<string, unknown> = {}) => c.request({ method: 'GET', route: '/things/{id}', path: '/things/42', ...extra });
  const post = (c: OutboundHttpClient, extra: Record<string, unknown> = {}) => c.request({ method: 'POST', route: '/payments', path: '/payments', json: { amount: '10.00' }, ...extra });

  beforeAll(async () => {
    Logger.overrideLogger(logs);
    await server.start();
  });
  afterEach(async () => {
    server.reset();
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await server.stop();
    Logger.overrideLogger(false);
  });

  it('sends the call under the base path with the default headers and a JSON body, and reads a JSON answer', async () => {
    server.handler = (_req, res, body) => json(res, 201, { echoed: JSON.parse(body) });
    const c = client({ headers: { 'x-api-key': 'k-1' } });
    await expect(post(c)).resolves.toMatchObject({ kind: 'answered', status: 201, body: { echoed: { amount: '10.00' } }, attempts: 1 });
    expect(server.seen[0]).toMatchObject({ method: 'POST', url: '/api/payments', headers: { 'x-api-key': 'k-1', 'content-type': 'application/json', accept: 'application/json' } });
  });

  it('reads a text answer as text and an empty one as undefined', async () => {
    server.handler = (req, res) => (req.url?.endsWith('/42') ? res.end('<html>oops</html>') : res.end());
    const c = client();
    await expect(get(c)).resolves.toMatchObject({ status: 200, body: '<html>oops</html>' });
    await expect(get(c, { path: '/things/43' })).resolves.toMatchObject({ status: 200, body: undefined });
  });

  it('keeps the connection alive between calls', async () => {
    server.handler = (_req, res) => json(res, 200, { ok: true });
    const c = client();
    for (let i = 0; i < 20; i++) await get(c);
    expect(server.seen).toHaveLength(20);
    // A call sent in the tick its predecessor's answer ends may find that connection not yet free and open a
    // second one; without keep-alive there would be 20.
    expect(server.connections).toBeLessThanOrEqual(2);
  });

  it('times out a slow answer after the attempt timeout', async () => {
    server.handler = (_req, res) => server.later(2000, () => json(res, 200, {}));
    const c = client({ timeoutMs: 100, retry: { attempts: 1 } });
    const started = Date.now();
    const r = await get(c);
    expect(r).toMatchObject({ kind: 'unreachable', failure: 'timeout', reason: 'GET /things/{id} timed out after 100 ms', attempts: 1 });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('retries a slow GET within the deadline, and ends by the deadline', async () => {
    server.handler = (_req, res) => server.later(3000, () => json(res, 200, {}));
    const c = client({ timeoutMs: 150, retry: { attempts: 10, baseDelayMs: 20, maxDelayMs: 20 } });
    const started = Date.now();
    const r = await get(c, { deadlineAt: Date.now() + 500 });
    expect(r).toMatchObject({ kind: 'unreachable', failure: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(server.seen.length).toBeGreaterThanOrEqual(2);
    expect(server.seen.length).toBeLessThanOrEqual(4);
  });

  it('a caller time budget (AbortSignal.timeout) that runs out is a timeout, not an abandoned call', async () => {
    server.handler = (_req, res) => server.later(3000, () => json(res, 200, {}));
    const c = client({ timeoutMs: 5000 });
    const r = await post(c, { signal: AbortSignal.timeout(100) });
    expect(r).toMatchObject({ kind: 'unreachable', failure: 'timeout', reason: expect.stringMatching(/timed out/) });
  });

  it('an abandoned call returns at once and does not count against the system', async () => {
    server.handler = (_req, res) => server.later(3000, () => json(res, 200, {}));
    const c = client({ breaker: { failureThreshold: 1, openMs: 10_000 } });
    const abandon = new AbortController();
    setTimeout(() => abandon.abort(), 50);
    const started = Date.now();
    await expect(get(c, { signal: abandon.signal })).resolves.toMatchObject({ kind: 'unreachable', failure: 'abandoned', reason: 'abandoned' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(c.breakerState()).toBe('closed');
  });

  it('a server that resets the connection: connection_reset, a GET retried, a POST not', async () => {
    server.handler = (req) => req.socket.destroy();
    const c = client({ retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 10 } });
    await expect(get(c)).resolves.toMatchObject({ kind: 'unreachable', failure: 'connection_reset', attempts: 3 });
    expect(server.seen).toHaveLength(3);
    server.seen.length = 0;
    await expect(post(c)).resolves.toMatchObject({ kind: 'unreachable', failure: 'connection_reset', attempts: 1 });
    expect(server.seen).toHaveLength(1);
  });

  it('nothing listening: connection_refused', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const c = client({ baseUrl: `http://127.0.0.1:${port}`, retry: { attempts: 1 } });
    await expect(get(c)).resolves.toMatchObject({ kind: 'unreachable', failure: 'connection_refused', reason: expect.stringMatching(/ECONNREFUSED/) });
  });

  it('a 503 then success: a GET is retried and answered, a POST answers the 503 after one attempt', async () => {
    let n = 0;
    server.handler = (_req, res) => (n++ % 2 === 0 ? json(res, 503, { error: 'busy' }) : json(res, 200, { ok: true }));
    const c = client();
    await expect(get(c)).resolves.toMatchObject({ kind: 'answered', status: 200, attempts: 2 });
    expect(server.seen).toHaveLength(2);
    server.seen.length = 0;
    await expect(post(c)).resolves.toMatchObject({ kind: 'answered', status: 503, attempts: 1 });
    expect(server.seen).toHaveLength(1);
  });

  it('a POST the caller marks idempotent (an idempotency key) is retried; a GET marked not is not', async () => {
    let n = 0;
    server.handler = (_req, res) => (n++ % 2 === 0 ? json(res, 502, {}) : json(res, 200, { ok: true }));
    const c = client();
    await expect(post(c, { idempotent: true, headers: { 'idempotency-key': 'k' } })).resolves.toMatchObject({ status: 200, attempts: 2 });
    await expect(get(c, { idempotent: false })).resolves.toMatchObject({ status: 502, attempts: 1 });
  });

  it('4xx answers are not retried and do not trip the breaker', async () => {
    server.handler = (_req, res) => json(res, 404, { error: 'not_found' });
    const c = client({ breaker: { failureThreshold: 1, openMs: 10_000 } });
    await expect(get(c)).resolves.toMatchObject({ status: 404, attempts: 1 });
    await expect(get(c)).resolves.toMatchObject({ status: 404, attempts: 1 });
    expect(c.breakerState()).toBe('closed');
  });

  it('the breaker opens after failures in a row, fails fast without calling, then half-opens for one trial', async () => {
    let status = 503;
    server.handler = (_req, res) => json(res, status, {});
    const c = client({ retry: { attempts: 1 }, breaker: { failureThreshold: 3, openMs: 300 } });
    for (let i = 0; i < 3; i++) await expect(get(c)).resolves.toMatchObject({ status: 503 });
    expect(c.breakerState()).toBe('open');
    const started = Date.now();
    await expect(get(c)).resolves.toMatchObject({ kind: 'unreachable', failure: 'breaker_open', reason: 'circuit open' });
    expect(Date.now() - started).toBeLessThan(100);
    expect(server.seen).toHaveLength(3);

    await new Promise((r) => setTimeout(r, 320));
    expect(c.breakerState()).toBe('half_open');
    // A failed trial opens it for another period.
    await expect(get(c)).resolves.toMatchObject({ status: 503 });
    expect(c.breakerState()).toBe('open');

    await new Promise((r) => setTimeout(r, 320));
    status = 200;
    server.handler = (_req, res) => server.later(100, () => json(res, status, {}));
    // Half-open: one trial goes, a call meanwhile fails fast; the trial's success closes the circuit.
    const [trial, meanwhile] = await Promise.all([get(c), new Promise((r) => setTimeout(r, 20)).then(() => get(c))]);
    expect(trial).toMatchObject({ kind: 'answered', status: 200 });
    expect(meanwhile).toMatchObject({ failure: 'breaker_open' });
    expect(c.breakerState()).toBe('closed');
    await expect(get(c)).resolves.toMatchObject({ status: 200 });
  });

  it('keeps one breaker per origin', async () => {
    server.handler = (_req, res) => json(res, 500, {});
    const c = client({ retry: { attempts: 1 }, breaker: { failureThreshold: 1, openMs: 10_000 } });
    const other = `http://localhost:${new URL(server.url).port}`;
    await get(c);
    expect(c.breakerState()).toBe('open');
    expect(c.breakerState(other)).toBe('closed');
    await expect(get(c, { baseUrl: other })).resolves.toMatchObject({ status: 500 });
    c.resetBreakers();
    expect([c.breakerState(), c.breakerState(other)]).toEqual(['closed', 'closed']);
  });

  it('starts no attempt when the deadline leaves no time for one', async () => {
    const c = client();
    await expect(get(c, { deadlineAt: Date.now() + 10 })).resolves.toMatchObject({ kind: 'unreachable', failure: 'timeout', attempts: 0, reason: expect.stringMatching(/no time left/) });
    expect(server.seen).toHaveLength(0);
  });

  it('never shows a credential in a reason or a log line, debug included', async () => {
    const secrets = { key: 'key-S3CRET-1', bearer: 'tok-S3CRET-2', query: 'q-S3CRET-3', extra: 'client-S3CRET-4' };
    logs.lines.length = 0;
    const c = client({ headers: { 'X-API-Key': secrets.key }, secrets: [secrets.extra], timeoutMs: 100, retry: { attempts: 2 }, breaker: { failureThreshold: 3, openMs: 10_000 }, credentialsEnv: 'TEST_API_KEY' });
    const call = (path: string) => c.request({ method: 'GET', route: '/things', path, headers: { authorization: `Bearer ${secrets.bearer}` } });
    const reasons: string[] = [];

    server.handler = (_req, res) => json(res, 401, { error: 'unauthorized', echo: `Bearer ${secrets.bearer}` });
    const refused = await call(`/things?api_key=${secrets.query}`);
    expect(refused).toMatchObject({ status: 401 });
    if (refused.kind === 'answered') reasons.push(c.redact(JSON.stringify(refused.body), [secrets.bearer]));
    server.handler = (req) => req.socket.destroy();
    reasons.push(JSON.stringify(await call(`/things?token=${secrets.query}`)));
    server.handler = (_req, res) => server.later(1000, () => json(res, 200, {}));
    reasons.push(JSON.stringify(await call(`/things?token=${secrets.query}`)));
    reasons.push(JSON.stringify(await call('/things')));
    reasons.push(c.redact(`failed with ${secrets.key} and ${secrets.extra} at ${server.url}/other?token=${secrets.query}`));

    expect(logs.lines.some((l) => /refused our credentials: check TEST_API_KEY/.test(l))).toBe(true);
    expect(logs.lines.some((l) => /circuit open/.test(l))).toBe(true);
    expect(logs.lines.some((l) => /did not answer/.test(l))).toBe(true);
    const everything = [...reasons, ...logs.lines].join('\n');
    for (const secret of Object.values(secrets)) expect(everything).not.toContain(secret);
    expect(everything).not.toContain('/things?');
  });

  it('labels its metrics with the route template, never the path', async () => {
    server.handler = (_req, res) => json(res, 200, {});
    const c = client({ system: 'metrics-test' });
    await c.request({ method: 'GET', route: '/v1/persons/{nationalId}', path: '/v1/persons/1198780012345012' });
    const text = await register.metrics();
    expect(text).toMatch(/limye_outbound_requests_total\{system="metrics-test",method="GET",route="\/v1\/persons\/\{nationalId\}",outcome="2xx"\} 1/);
    expect(text).toMatch(/limye_outbound_request_duration_seconds_count\{system="metrics-test",method="GET",route="\/v1\/persons\/\{nationalId\}",outcome="2xx"\} 1/);
    expect(text).toMatch(new RegExp(`limye_outbound_breaker_state\\{system="metrics-test",origin="${server.url.replace(/[.]/g, '\\.')}"\\} 0`));
    expect(text).not.toContain('1198780012345012');
  });
});
