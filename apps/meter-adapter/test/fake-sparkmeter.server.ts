import { randomUUID } from 'crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import type { AddressInfo } from 'net';

/**
 * A small SparkMeter for integration tests: Koios v1 payments (with external_id dedupe and lookup) and
 * ThunderCloud v0 customer lookup, transactions (deduped on external_id) and status polls, on a real
 * HTTP port. Faults hit the next requests: 'down' drops the socket, 'error500' answers 500,
 * 'apply_then_500' credits and then answers 500, 'slow' answers after a delay (still crediting),
 * 'status' answers a given status with an error body both APIs would send.
 */
export type FakeFaultMode = 'none' | 'down' | 'error500' | 'apply_then_500' | 'slow' | 'status';

export interface FakeFault {
  mode: FakeFaultMode;
  /** Requests to hit; unlimited when omitted. */
  count?: number;
  delayMs?: number;
  status?: number;
  /** Only requests whose "METHOD /path" starts with this are hit (all when omitted). */
  match?: string;
  /** The fault that follows once `count` requests were hit. */
  then?: FakeFault;
}

export interface KoiosPayment {
  id: string;
  customerCode: string;
  amount: string;
  memo: string;
  externalId: string;
}

export interface TcTransaction {
  id: string;
  customerId: string;
  amount: string;
  externalId: string;
  status: 'pending' | 'processed';
  pendingPollsLeft: number;
}

export const FAKE_CREDENTIALS = { koiosKey: 'test-key', koiosSecret: 'test-secret', thunderCloudToken: 'test-token' };

export class FakeSparkMeterServer {
  readonly koiosPayments: KoiosPayment[] = [];
  readonly tcTransactions: TcTransaction[] = [];
  /** Every request seen, e.g. "POST /api/v1/payments ext=<external_id>" or "GET /api/v1/payments?external_id=…". */
  readonly log: string[] = [];
  readonly koiosCustomers = new Set<string>(['0252SHG']);
  /** ThunderCloud customer code (case-sensitive) → customer id. */
  readonly tcCustomers = new Map<string, string>([['0101JAC', '9d4e7b21-8c3a-4f6e-b5d0-2e1f3a4b5c01']]);
  /** Status polls a new ThunderCloud transaction answers 'pending' before 'processed'. */
  tcPendingPolls = 0;
  private fault: FakeFault & { left: number | null } = { mode: 'none', left: null };
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  setFault(fault: FakeFault): void {
    this.fault = { ...fault, left: fault.count ?? null };
  }

  /** Credits applied for an external id: Koios payments plus processed ThunderCloud transactions. */
  creditsFor(externalId: string): number {
    return (
      this.koiosPayments.filter((p) => p.externalId === externalId).length +
      this.tcTransactions.filter((t) => t.externalId === externalId && t.status === 'processed').length
    );
  }

  requestsFor(externalId: string): string[] {
    return this.log.filter((line) => line.includes(externalId));
  }

  private takeFault(request: string): FakeFault | null {
    if (this.fault.mode === 'none') return null;
    if (this.fault.match && !request.startsWith(this.fault.match)) return null;
    if (this.fault.left !== null && this.fault.left <= 0) {
      if (!this.fault.then) return null;
      this.setFault(this.fault.then);
      return this.takeFault(request);
    }
    if (this.fault.left !== null) this.fault.left -= 1;
    return this.fault;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req);
    const path = req.url ?? '';
    this.log.push(`${req.method} ${path}${body?.external_id ? ` ext=${String(body.external_id)}` : ''}`);
    const fault = this.takeFault(`${req.method} ${path}`);
    if (fault?.mode === 'down') {
      req.socket.destroy();
      return;
    }
    if (fault?.mode === 'error500') return send(res, 500, { errors: [{ title: 'Internal server error' }], error: 'internal server error' });
    if (fault?.mode === 'status') return send(res, fault.status ?? 503, { errors: [{ title: `fault ${fault.status}` }], error: `fault ${fault.status}` });
    if (fault?.mode === 'slow') await new Promise((r) => setTimeout(r, fault.delayMs ?? 1000));
    const answer = this.route(req.method ?? 'GET', path, req.headers, body ?? {});
    if (fault?.mode === 'apply_then_500') return send(res, 500, { errors: [{ title: 'Internal server error' }], error: 'internal server error' });
    if (!res.destroyed) send(res, answer.status, answer.body);
  }

  private route(method: string, path: string, headers: IncomingMessage['headers'], body: Record<string, unknown>): { status: number; body: unknown } {
    const url = new URL(path, 'http://fake');
    if (url.pathname.startsWith('/api/v1/')) {
      if (headers['x-api-key'] !== FAKE_CREDENTIALS.koiosKey || headers['x-api-secret'] !== FAKE_CREDENTIALS.koiosSecret) {
        return { status: 401, body: { errors: [{ title: 'AuthenticationError' }], data: null } };
      }
      if (method === 'POST' && url.pathname === '/api/v1/payments') return this.koiosPay(body);
      if (method === 'GET' && url.pathname === '/api/v1/payments') {
        const externalId = url.searchParams.get('external_id');
        return { status: 200, body: { errors: [], data: this.koiosPayments.filter((p) => p.externalId === externalId).map(koiosJson) } };
      }
    }
    if (url.pathname.startsWith('/api/v0/')) {
      if (headers['authentication-token'] !== FAKE_CREDENTIALS.thunderCloudToken) return { status: 401, body: { error: 'unauthorized', status: 'failure' } };
      const customer = /^\/api\/v0\/customer\/([^/]+)$/.exec(url.pathname);
      if (method === 'GET' && customer) {
        const id = this.tcCustomers.get(decodeURIComponent(customer[1]));
        return id ? { status: 200, body: { customers: [{ id, code: customer[1] }], error: null } } : { status: 404, body: { error: 'not found', status: 'failure' } };
      }
      if (method === 'POST' && /^\/api\/v0\/transaction\/?$/.test(url.pathname)) return this.tcCreate(body);
      const tx = /^\/api\/v0\/transaction\/([^/]+)$/.exec(url.pathname);
      if (method === 'GET' && tx) return this.tcPoll(tx[1]);
    }
    return { status: 404, body: '<html>Not Found</html>' };
  }

  private koiosPay(body: Record<string, unknown>): { status: number; body: unknown } {
    const code = String(body.customer_code ?? '');
    if (!this.koiosCustomers.has(code)) return { status: 404, body: { errors: [{ code: 'not_found', title: 'customer not found' }], data: null } };
    if (typeof body.amount !== 'string' || !/^\d+(\.\d+)?$/.test(body.amount)) {
      return { status: 400, body: { errors: [{ code: 'validation', title: 'amount must be a decimal string' }], data: null } };
    }
    const externalId = String(body.external_id ?? '');
    if (this.koiosPayments.some((p) => p.externalId === externalId)) {
      return { status: 400, body: { errors: [{ code: 'validation', title: 'external_id has already been taken' }], data: null } };
    }
    const payment: KoiosPayment = { id: randomUUID(), customerCode: code, amount: body.amount, memo: String(body.memo ?? ''), externalId };
    this.koiosPayments.push(payment);
    return { status: 200, body: { errors: [], data: koiosJson(payment) } };
  }

  private tcCreate(body: Record<string, unknown>): { status: number; body: unknown } {
    const customerId = String(body.customer_id ?? '');
    if (![...this.tcCustomers.values()].includes(customerId)) return { status: 404, body: { error: 'customer not found', status: 'failure' } };
    const externalId = String(body.external_id ?? '');
    const existing = this.tcTransactions.find((t) => t.externalId === externalId);
    if (existing) return { status: 200, body: { transaction_id: existing.id, error: null } };
    const tx: TcTransaction = {
      id: randomUUID(),
      customerId,
      amount: String(body.amount),
      externalId,
      status: this.tcPendingPolls > 0 ? 'pending' : 'processed',
      pendingPollsLeft: this.tcPendingPolls,
    };
    this.tcTransactions.push(tx);
    return { status: 200, body: { transaction_id: tx.id, error: null } };
  }

  private tcPoll(id: string): { status: number; body: unknown } {
    const tx = this.tcTransactions.find((t) => t.id === id);
    if (!tx) return { status: 404, body: { error: 'transaction not found', status: 'failure' } };
    if (tx.status === 'pending') {
      tx.pendingPollsLeft -= 1;
      if (tx.pendingPollsLeft < 0) tx.status = 'processed';
    }
    return { status: 200, body: { transaction: { id: tx.id, status: tx.status, external_id: tx.externalId, amount: tx.amount }, error: null } };
  }
}

function koiosJson(p: KoiosPayment) {
  return { id: p.id, recipient_id: p.customerCode, amount: { value: p.amount, currency: 'HTG' }, memo: p.memo, external_id: p.externalId, status: 'processed' };
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | null> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return null;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/html' : 'application/json' });
  res.end(text);
}
