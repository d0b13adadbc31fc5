import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import type { AddressInfo } from 'net';

/**
 * A small MEIS + OMIS for integration tests, on a real HTTP port, speaking docs/national-systems.md:
 * `${url}/meis/v1/persons/{id}`, `${url}/omis/v1/households/status`, `${url}/omis/v1/sales/{ref}` (+
 * /confirmation, /cancellation). Faults per system: 'down' drops the socket, 'error503' answers 503,
 * 'slow' answers after `delayMs`. The end-to-end tests use the sandbox's simulators instead.
 */
export type FakeFault = { mode: 'none' } | { mode: 'down' } | { mode: 'error503' } | { mode: 'slow'; delayMs: number };

export interface FakePerson {
  householdId: string;
  isHouseholdHead?: boolean;
  category: string;
  memberCount?: number;
}

export interface FakeHouseholdStatus {
  subsidised?: boolean;
  ongoingSale?: boolean;
  repossession?: boolean;
  voucherNumber?: string | null;
}

export interface FakeSale {
  reference: string;
  body: Record<string, unknown>;
  status: 'pending_installation' | 'installed' | 'cancelled';
}

export interface SeenRequest {
  system: 'meis' | 'omis';
  method: string;
  path: string;
  apiKey: string | undefined;
  body: unknown;
  /** The status answered (0: socket dropped). */
  status: number;
}

export const FAKE_KEYS = { meis: 'test-meis-key', omis: 'test-omis-key' };

export class FakeNationalSystems {
  readonly persons = new Map<string, FakePerson>();
  readonly statuses = new Map<string, FakeHouseholdStatus>();
  readonly sales = new Map<string, FakeSale>();
  readonly seen: SeenRequest[] = [];
  /** OMIS answers these references' PUT with 409 household_blocked. */
  readonly blockedReferences = new Set<string>();
  faults: { meis: FakeFault; omis: FakeFault } = { meis: { mode: 'none' }, omis: { mode: 'none' } };
  url = '';
  private server?: Server;
  private readonly sleeping = new Set<NodeJS.Timeout>();

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const t of this.sleeping) clearTimeout(t);
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  reset(): void {
    this.faults = { meis: { mode: 'none' }, omis: { mode: 'none' } };
  }

  /** Requests that OMIS answered 2xx for this method and path suffix. */
  answered(method: string, pathEnd: string): SeenRequest[] {
    return this.seen.filter((s) => s.method === method && s.path.endsWith(pathEnd) && s.status >= 200 && s.status < 300);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    const url = new URL(req.url ?? '/', 'http://fake');
    const system = url.pathname.startsWith('/meis/') ? 'meis' : url.pathname.startsWith('/omis/') ? 'omis' : null;
    const path = system ? url.pathname.slice(system.length + 1) : url.pathname;
    const seen: SeenRequest = { system: system ?? 'meis', method: req.method ?? 'GET', path: path + url.search, apiKey: req.headers['x-api-key'] as string | undefined, body, status: 0 };
    this.seen.push(seen);
    const send = (status: number, payload: unknown) => {
      seen.status = status;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    if (!system) return send(404, { error: 'not_found' });

    const fault = this.faults[system];
    if (fault.mode === 'down') {
      req.socket.destroy();
      return;
    }
    if (fault.mode === 'error503') return send(503, { error: 'unavailable' });
    if (fault.mode === 'slow') {
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          this.sleeping.delete(t);
          resolve();
        }, fault.delayMs);
        this.sleeping.add(t);
      });
      if (res.destroyed || req.socket.destroyed) return;
    }
    if (seen.apiKey !== FAKE_KEYS[system]) return send(401, { error: 'unauthorized' });

    if (system === 'meis') {
      const m = /^\/v1\/persons\/([^/]+)$/.exec(path);
      if (!m || req.method !== 'GET') return send(404, { error: 'not_found' });
      const id = decodeURIComponent(m[1]);
      if (!/^\d{16}$/.test(id)) return send(400, { error: 'invalid_national_id' });
      const p = this.persons.get(id);
      if (!p) return send(404, { error: 'not_found' });
      return send(200, {
        nationalId: id,
        householdId: p.householdId,
        isHouseholdHead: p.isHouseholdHead ?? true,
        household: {
          householdId: p.householdId,
          headNationalId: id,
          category: p.category,
          memberCount: p.memberCount ?? 4,
          location: { province: 'Amajyepfo', district: 'Huye', sector: 'Tumba', cell: 'Cyimana', village: 'Gitwa' },
        },
      });
    }

    if (req.method === 'GET' && path === '/v1/households/status') {
      const id = url.searchParams.get('nationalId') ?? '';
      const s = this.statuses.get(id);
      const person = this.persons.get(id);
      return send(200, {
        nationalId: id,
        householdId: person?.householdId ?? null,
        subsidised: s?.subsidised ?? false,
        installedAt: null,
        ongoingSale: s?.ongoingSale ? { reference: '48213907', companyCode: 'OTHER', registeredAt: '2026-11-20T09:12:00Z' } : null,
        repossession: s?.repossession ?? false,
        voucherNumber: s?.voucherNumber ?? null,
      });
    }
    const sale = /^\/v1\/sales\/(\d+)(\/confirmation|\/cancellation)?$/.exec(path);
    if (!sale) return send(404, { error: 'not_found' });
    const reference = sale[1];
    const existing = this.sales.get(reference);
    if (req.method === 'PUT' && !sale[2]) {
      if (this.blockedReferences.has(reference)) return send(409, { error: 'household_blocked', message: 'another sale is pending' });
      if (existing) return send(200, { reference, status: existing.status });
      this.sales.set(reference, { reference, body: body as Record<string, unknown>, status: 'pending_installation' });
      return send(201, { reference, status: 'pending_installation' });
    }
    if (req.method === 'POST' && sale[2] === '/confirmation') {
      if (!existing) return send(404, { error: 'not_found' });
      if (existing.status === 'cancelled') return send(409, { error: 'sale_cancelled' });
      existing.status = 'installed';
      return send(200, { reference, status: 'installed', vouchersUsed: 4 });
    }
    if (req.method === 'POST' && sale[2] === '/cancellation') {
      if (!existing) return send(404, { error: 'not_found' });
      if (existing.status === 'installed') return send(409, { error: 'sale_installed' });
      existing.status = 'cancelled';
      return send(200, { reference, status: 'cancelled' });
    }
    return send(404, { error: 'not_found' });
  }
}
