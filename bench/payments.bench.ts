import '../libs/platform/src/register-paths';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Client } from 'pg';
import { LocalStack, SERVICE_NAMES, StackServiceName } from '@limye/local-stack';

/**
 * npm run bench — MonCash payments through the whole stack on this machine (every service its own
 * process, embedded PostgreSQL, local NATS, the sandbox as MonCash and SparkMeter).
 *
 * 1. prepares BENCH_CUSTOMERS customers and RATE×DURATION MonCash checkouts (not timed);
 * 2. for DURATION seconds, every 1/RATE s a simulated customer pays one order; the sandbox then calls
 *    our Alert URL, exactly as MonCash would;
 * 3. waits for every payment to be DELIVERED and prints throughput, end-to-end latency (alert received →
 *    SparkMeter credited and recorded, from the payment's own timestamps) and each process's peak RSS.
 * Settings: BENCH_RATE (100), BENCH_DURATION_S (60), BENCH_CUSTOMERS (300). Prints; asserts nothing.
 */
const RATE = Number(process.env.BENCH_RATE ?? 100);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 60);
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 300);
const log = (s: string) => process.stdout.write(`${s}\n`);

async function json(method: string, url: string, body?: unknown): Promise<any> {
  const res = await fetch(url, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`${method} ${url} → ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

async function inBatches<T>(items: T[], concurrency: number, fn: (t: T) => Promise<void>): Promise<void> {
  let i = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (i < items.length) await fn(items[i++]);
  }));
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'limye-bench-'));
  fs.chmodSync(dir, 0o755);
  const stack = new LocalStack({
    dataDir: dir,
    distDir: path.resolve(__dirname, '..'),
    portMode: 'free',
    persistent: false,
    env: { LOG_LEVEL: 'warn', SPARKMETER_SITE_APIS: 'bench-site:koios', MONCASH_RECONCILE_INTERVAL_MS: '600000', ...benchEnvOverrides() },
    log: (l) => log(`  ${l}`),
  });
  process.on('exit', () => stack.killAll());
  try {
    log(`Limye payment benchmark: ${RATE} payments/s for ${DURATION_S} s on ${os.cpus().length} cores`);
    await stack.startInfrastructure();
    await stack.startServices();
    const registry = stack.url('customer-registry');
    const sandbox = stack.url('sandbox');
    const intake = stack.url('payment-intake');

    await json('POST', `${registry}/v1/sites`, { id: 'bench-site', name: 'Bench site', country: 'HT', currency: 'HTG' });
    const accounts: string[] = [];
    await inBatches([...Array(CUSTOMERS).keys()], 10, async (i) => {
      const code = `B${String(i).padStart(6, '0')}`;
      await json('POST', `${sandbox}/sandbox/sparkmeter/customers`, { code, name: `Bench ${i}`, api: 'koios', creditMinor: 0 });
      const c = await json('POST', `${registry}/v1/customers`, {
        name: `Bench ${i}`,
        phone: `3${String(1000000 + i).padStart(7, '0')}`,
        siteId: 'bench-site',
        devices: [{ type: 'meter', manufacturer: 'SparkMeter', serial: `SM-BENCH-${i}`, vendorAccountRef: code }],
      });
      accounts.push(c.accountNumber);
    });
    const total = RATE * DURATION_S;
    log(`  preparing ${total} MonCash checkouts…`);
    const orders: string[] = [];
    await inBatches([...Array(total).keys()], 16, async (i) => {
      const o = await json('POST', `${intake}/v1/checkout/moncash`, { accountNumber: accounts[i % accounts.length], amount: String(10 + (i % 90)) });
      orders.push(o.orderId);
    });

    const peaks = new Map<StackServiceName, number>();
    const sampler = setInterval(() => void sampleMemory(stack, peaks), 1000);

    log(`  paying ${total} orders at ${RATE}/s…`);
    const cpuBefore = await cpuByProcessKind();
    const txBefore = await committedTransactions(stack.databaseUrl);
    const started = Date.now();
    let sent = 0;
    let failedSends = 0;
    const inflight = new Set<Promise<void>>();
    await new Promise<void>((resolve) => {
      const tick = setInterval(() => {
        const due = Math.min(total, Math.floor(((Date.now() - started) / 1000) * RATE));
        while (sent < due) {
          const orderId = orders[sent++];
          const p = json('POST', `${sandbox}/sandbox/moncash/orders/${orderId}/pay`, {})
            .then(() => undefined)
            .catch(() => {
              failedSends++;
            });
          inflight.add(p);
          void p.finally(() => inflight.delete(p));
        }
        if (sent >= total) {
          clearInterval(tick);
          resolve();
        }
      }, 5);
    });
    await Promise.all(inflight);
    const sendSeconds = (Date.now() - started) / 1000;

    const db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
    const deadline = Date.now() + 180000;
    let delivered = 0;
    while (Date.now() < deadline) {
      const r = await db.query(`SELECT count(*)::int AS n FROM payment_intake.payments WHERE state = 'DELIVERED'`);
      delivered = r.rows[0].n;
      if (delivered >= total - failedSends) break;
      await new Promise((r2) => setTimeout(r2, 500));
    }
    clearInterval(sampler);
    const cpuAfter = await cpuByProcessKind();
    const txAfter = await committedTransactions(stack.databaseUrl);
    await sampleMemory(stack, peaks);
    const rows = await db.query(
      `SELECT extract(epoch FROM created_at) * 1000 AS created, extract(epoch FROM completed_at) * 1000 AS completed
       FROM payment_intake.payments WHERE state = 'DELIVERED'`,
    );
    const steps = await db.query(
      `SELECT state, round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms))::int AS p50,
              round(percentile_cont(0.95) WITHIN GROUP (ORDER BY ms))::int AS p95
       FROM (SELECT state, extract(epoch FROM at - lag(at) OVER (PARTITION BY payment_id ORDER BY id)) * 1000 AS ms
             FROM payment_intake.payment_events) t
       WHERE ms IS NOT NULL GROUP BY state ORDER BY min(ms)`,
    );
    const other = await db.query(`SELECT state, count(*)::int AS n FROM payment_intake.payments WHERE state <> 'DELIVERED' GROUP BY state`);
    await db.end();
    const latencies = rows.rows.map((r) => Number(r.completed) - Number(r.created)).sort((a, b) => a - b);
    const first = Math.min(...rows.rows.map((r) => Number(r.created)));
    const last = Math.max(...rows.rows.map((r) => Number(r.completed)));
    const vendor = await json('GET', `${sandbox}/sandbox/sparkmeter/customers/B000000`);

    log('');
    log('Results');
    log(`  offered:            ${total} payments in ${sendSeconds.toFixed(1)} s (${(total / sendSeconds).toFixed(1)}/s), ${failedSends} sends failed`);
    log(`  delivered:          ${delivered}/${total}${other.rows.length ? `; not delivered: ${other.rows.map((r) => `${r.state} ${r.n}`).join(', ')}` : ''}`);
    log(`  throughput:         ${(delivered / ((last - first) / 1000)).toFixed(1)} payments/s (first alert → last credit)`);
    log(`  latency p50/p95/p99 (alert received → SparkMeter credited): ${percentile(latencies, 50).toFixed(0)} / ${percentile(latencies, 95).toFixed(0)} / ${percentile(latencies, 99).toFixed(0)} ms (max ${latencies[latencies.length - 1]?.toFixed(0)} ms)`);
    log(`  time to reach each state from the one before (p50/p95 ms): ${steps.rows.map((r) => `${r.state} ${r.p50}/${r.p95}`).join(', ')}`);
    const cpu = [...cpuAfter.entries()].map(([k, v]) => [k, v - (cpuBefore.get(k) ?? 0)] as const).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
    log(`  CPU per delivered payment (ms): ${cpu.map(([k, v]) => `${k} ${((v * 1000) / Math.max(1, delivered)).toFixed(1)}`).join(', ')}`);
    log(`  PostgreSQL transactions per delivered payment: ${((txAfter - txBefore) / Math.max(1, delivered)).toFixed(1)}`);
    log('  peak memory (RSS):');
    for (const name of SERVICE_NAMES) log(`    ${name.padEnd(18)} ${((peaks.get(name) ?? 0) / 1048576).toFixed(0)} MiB`);
    log(`  (sanity: customer B000000 was credited ${vendor.payments} times)`);
  } finally {
    await stack.stop().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Transactions PostgreSQL has committed in the database so far (each autocommit statement is one). */
async function committedTransactions(url: string): Promise<number> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query(`SELECT xact_commit::bigint AS n FROM pg_stat_database WHERE datname = current_database()`);
    return Number(r.rows[0].n);
  } finally {
    await c.end();
  }
}

/** CPU seconds used so far by every process on the machine, grouped: each service, postgres, nats-server, this benchmark. */
async function cpuByProcessKind(): Promise<Map<string, number>> {
  const ticksPerSecond = 100; // USER_HZ on Linux
  const out = new Map<string, number>();
  for (const pid of await fs.promises.readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const cmd = (await fs.promises.readFile(`/proc/${pid}/cmdline`, 'utf8')).replace(/\0/g, ' ');
      const stat = (await fs.promises.readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1].split(' ');
      const seconds = (Number(stat[11]) + Number(stat[12])) / ticksPerSecond;
      const kind = /apps\/([a-z-]+)\//.exec(cmd)?.[1] ?? (/postgres/.test(cmd) ? 'postgres' : /nats-server/.test(cmd) ? 'nats-server' : Number(pid) === process.pid ? 'bench (load generator)' : undefined);
      if (kind) out.set(kind, (out.get(kind) ?? 0) + seconds);
    } catch {
      /* process ended meanwhile */
    }
  }
  return out;
}

/** Reads each service's resident memory (VmRSS) from /proc, by its process id. */
async function sampleMemory(stack: LocalStack, peaks: Map<StackServiceName, number>): Promise<void> {
  for (const name of SERVICE_NAMES) {
    const pid = stack.service(name).pid;
    if (!pid) continue;
    try {
      const status = await fs.promises.readFile(`/proc/${pid}/status`, 'utf8');
      const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
      peaks.set(name, Math.max(peaks.get(name) ?? 0, kb * 1024));
    } catch {
      /* process gone or no /proc: a missed sample is fine */
    }
  }
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${(err as Error).stack}\n`);
  process.exit(1);
});

/** BENCH_ENV='A=1,B=2' passes extra settings to every service (to try tunings without editing code). */
function benchEnvOverrides(): Record<string, string> {
  const raw = process.env.BENCH_ENV ?? '';
  return Object.fromEntries(raw.split(',').filter(Boolean).map((kv) => kv.split('=') as [string, string]));
}
