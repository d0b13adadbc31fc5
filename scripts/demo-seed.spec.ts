import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'fs';
import { createServer, Server } from 'http';
import type { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { RunningSimulators, startSimulators } from '@limye/simulators/testing';
import { DEMO_CUSTOMERS, seedDemo } from './demo-seed';

/**
 * `npm start` seeds on every start. With the sandbox's state kept across restarts (SANDBOX_STATE_DIR), the
 * second start finds its customers already there, in the registry and in the SparkMeter simulator: the
 * seed must neither fail nor create them again, nor reset the credit they got meanwhile.
 */
describe('seedDemo on a second start', () => {
  jest.setTimeout(60_000); // two sandbox starts
  let dir: string;
  let sandbox: RunningSimulators | undefined;
  let registry: Server;
  let registryUrl: string;
  const sites = new Set<string>();
  const customers: { accountNumber: string; serial: string }[] = [];
  const writes: string[] = [];
  const TOKEN = 'demo-access-token';

  /** Just what the seed uses of customer-registry: sites (409 when known), customers by serial; each call needs the token. */
  function fakeRegistry(): Server {
    return createServer((req, res) => {
      let text = '';
      req.on('data', (c) => (text += c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://registry');
        const reply = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        if (req.headers.authorization !== `Bearer ${TOKEN}`) return reply(401, { code: 'UNAUTHORIZED' });
        if (req.method === 'POST' && url.pathname === '/v1/sites') {
          const { id } = JSON.parse(text) as { id: string };
          writes.push(`site ${id}`);
          if (sites.has(id)) return reply(409, { code: 'REGISTRY.SITE_EXISTS' });
          sites.add(id);
          return reply(201, { id });
        }
        if (req.method === 'GET' && url.pathname === '/v1/customers') {
          return reply(200, { items: customers.filter((c) => c.serial === url.searchParams.get('serial')) });
        }
        if (req.method === 'POST' && url.pathname === '/v1/customers') {
          const { devices } = JSON.parse(text) as { devices: { serial: string }[] };
          writes.push(`customer ${devices[0].serial}`);
          const created = { accountNumber: `10000${customers.length}`, serial: devices[0].serial };
          customers.push(created);
          return reply(201, created);
        }
        reply(404, {});
      });
    });
  }

  async function sandboxCall(path: string, body?: unknown): Promise<any> {
    const res = await fetch(sandbox!.url + path, body === undefined ? undefined : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return res.json();
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'limye-demo-seed-'));
    registry = fakeRegistry();
    await new Promise<void>((r) => registry.listen(0, '127.0.0.1', r));
    registryUrl = `http://127.0.0.1:${(registry.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await sandbox?.close();
    await new Promise((r) => registry.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('neither fails nor creates anything again, and keeps the credit the customers got', async () => {
    sandbox = await startSimulators({ env: { SANDBOX_STATE_DIR: dir } });
    const first = await seedDemo(registryUrl, sandbox.url, TOKEN);
    const thundercloudOnly = DEMO_CUSTOMERS.find((c) => c.code === '0301TCL')!;
    expect((await sandboxCall(`/sandbox/sparkmeter/customers/${thundercloudOnly.code}`)).api).toBe('thundercloud');
    const pay = { customer_code: '0252SHG', amount: '250.00', external_id: 'demo-pay-1' };
    const paid = await fetch(`${sandbox.url}/api/v1/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-API-KEY': 'sandbox-key', 'X-API-SECRET': 'sandbox-secret' },
      body: JSON.stringify(pay),
    });
    expect(paid.status).toBe(200);
    const before = (await sandboxCall('/sandbox/sparkmeter/customers')).customers;
    await sandbox.close();
    writes.length = 0;

    sandbox = await startSimulators({ env: { SANDBOX_STATE_DIR: dir } });
    const second = await seedDemo(registryUrl, sandbox.url, TOKEN);

    expect(second).toEqual(first);
    expect(writes).toEqual(['site haiti-north', 'site haiti-south']); // answered 409; no customer created again
    expect(customers).toHaveLength(DEMO_CUSTOMERS.length);
    expect((await sandboxCall('/sandbox/sparkmeter/customers')).customers).toEqual(before);
    expect((await sandboxCall('/sandbox/sparkmeter/customers/0252SHG')).creditMinor).toBe(25_000);
  });
});
