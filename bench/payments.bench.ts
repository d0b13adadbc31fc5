import '../libs/platform/src/register-paths';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Client } from 'pg';
import { LocalStack, SERVICE_NAMES, StackServiceName } from '@limye/local-stack';
import { benchEnvOverrides, committedTransactions, inBatches, json, log, percentile, pgStatements, sampleRss } from './bench-support';

/**
 * npm run bench — MonCash payments through the whole stack on this machine (every service its own
 * process, embedded PostgreSQL, local NATS, the sandbox as MonCash and SparkMeter).
 *
 * 1. prepares BENCH_CUSTOMERS customers and RATE×(WARMUP+DURATION) MonCash checkouts (not timed);
 * 2. warms up for BENCH_WARMUP_S seconds at the same rate (not measured), then for DURATION seconds, every 1/RATE s a simulated customer pays one order; the sandbox then calls
 *    our Alert URL, exactly as MonCash would;
 * 3. waits for every payment to be DELIVERED and prints throughput, end-to-end latency (alert received →
 *    SparkMeter credited and recorded, from the payment's own timestamps) and each process's peak RSS.
 * Settings: BENCH_RATE (100), BENCH_DURATION_S (60), BENCH_WARMUP_S (10), BENCH_CUSTOMERS (300).
 * Prints; asserts nothing.
 */
const RATE = Number(process.env.BENCH_RATE ?? 100);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 60);
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 300);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 10);
/** Has the simulated customers pay `orders` at `rate` per second (the sandbox then calls our Alert URL). */
async function payOrders(sandbox: string, orders: string[], rate: number): Promise<{ sendSeconds: number; failedSends: number }> {
  const started = Date.now();
  let sent = 0;
  let failedSends = 0;
  const inflight = new Set<Promise<void>>();
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const due = Math.min(orders.length, Math.floor(((Date.now() - started) / 1000) * rate));
      while (sent < due) {
        const p = json('POST', `${sandbox}/sandbox/moncash/orders/${orders[sent++]}/pay`, {})
          .then(() => undefined)
          .catch(() => {
            failedSends++;
          });
        inflight.add(p);
        void p.finally(() => inflight.delete(p));
      }
      if (sent >= orders.length) {
        clearInterval(tick);
        resolve();
      }
    }, 5);
  });
  await Promise.all(inflight);
  return { sendSeconds: (Date.now() - started) / 1000, failedSends };
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
    const warmup = RATE * WARMUP_S;
    log(`  preparing ${warmup + total} MonCash checkouts…`);
    const orders: string[] = [];
    await inBatches([...Array(warmup + total).keys()], 16, async (i) => {
      const o = await json('POST', `${intake}/v1/checkout/moncash`, { accountNumber: accounts[i % accounts.length], amount: String(10 + (i % 90)) });
      orders.push(o.orderId);
    });

    const db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
    const deliveredSince = async (since: Date): Promise<number> =>
      (await db.query(`SELECT count(*)::int AS n FROM payment_intake.payments WHERE state = 'DELIVERED' AND created_at >= $1`, [since])).rows[0].n;

    if (warmup > 0) {
      // Warm-up (not measured): JIT, connection pools, planner statistics, as in a system that has been running.
      log(`  warm-up: ${warmup} payments at ${RATE}/s…`);
      const warmStart: Date = (await db.query('SELECT now() AS t')).rows[0].t;
      const w = await payOrders(sandbox, orders.slice(0, warmup), RATE);
      const until = Date.now() + 120000;
      while ((await deliveredSince(warmStart)) < warmup - w.failedSends && Date.now() < until) await new Promise((r) => setTimeout(r, 500));
    }

    const peaks = new Map<StackServiceName, number>();
    const sampler = setInterval(() => void sampleMemory(stack, peaks), 1000);

    log(`  paying ${total} orders at ${RATE}/s…`);
    if (process.env.BENCH_PG_STATS) await pgStatements(stack.databaseUrl, 'reset');
    const cpuBefore = await cpuByProcessKind();
    const txBefore = await committedTransactions(stack.databaseUrl);
    const windowStart: Date = (await db.query('SELECT now() AS t')).rows[0].t;
    const { sendSeconds, failedSends } = await payOrders(sandbox, orders.slice(warmup), RATE);

    const deadline = Date.now() + 180000;
    let delivered = 0;
    while (Date.now() < deadline) {
      delivered = await deliveredSince(windowStart);
      if (delivered >= total - failedSends) break;
      await new Promise((r2) => setTimeout(r2, 500));
    }
    clearInterval(sampler);
    const cpuAfter = await cpuByProcessKind();
    const txAfter = await committedTransactions(stack.databaseUrl);
    await sampleMemory(stack, peaks);
    const rows = await db.query(
      `SELECT extract(epoch FROM created_at) * 1000 AS created, extract(epoch FROM completed_at) * 1000 AS completed
       FROM payment_intake.payments WHERE state = 'DELIVERED' AND created_at >= $1`,
      [windowStart],
    );
    const steps = await db.query(
      `SELECT state, round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms))::int AS p50,
              round(percentile_cont(0.95) WITHIN GROUP (ORDER BY ms))::int AS p95,
              round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms))::int AS p99
       FROM (SELECT state, extract(epoch FROM at - lag(at) OVER (PARTITION BY payment_id ORDER BY id)) * 1000 AS ms
             FROM payment_intake.payment_events
             WHERE payment_id IN (SELECT id FROM payment_intake.payments WHERE created_at >= $1)) t
       WHERE ms IS NOT NULL GROUP BY state ORDER BY min(ms)`,
      [windowStart],
    );
    const timeline = await db.query(
      `SELECT floor(extract(epoch FROM created_at - $1::timestamptz) / 5)::int * 5 AS t,
              round(percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM completed_at - created_at) * 1000))::int AS p99
       FROM payment_intake.payments WHERE state = 'DELIVERED' AND created_at >= $1 GROUP BY 1 ORDER BY 1`,
      [windowStart],
    );
    const other = await db.query(`SELECT state, count(*)::int AS n FROM payment_intake.payments WHERE state <> 'DELIVERED' AND created_at >= $1 GROUP BY state`, [windowStart]);
    const allDelivered: number = (await db.query(`SELECT count(*)::int AS n FROM payment_intake.payments WHERE state = 'DELIVERED'`)).rows[0].n;
    await db.end();
    const latencies = rows.rows.map((r) => Number(r.completed) - Number(r.created)).sort((a, b) => a - b);
    const first = Math.min(...rows.rows.map((r) => Number(r.created)));
    const last = Math.max(...rows.rows.map((r) => Number(r.completed)));
    // Exactly-once check: the simulator's count of SparkMeter credits equals the payments delivered.
    const vendor = await json('GET', `${sandbox}/sandbox/sparkmeter/customers`);
    const vendorCredits = (vendor.customers as Array<{ code: string; payments: number }>).filter((c) => c.code.startsWith('B')).reduce((n, c) => n + c.payments, 0);


    log('');
    log('Results');
    log(`  offered:            ${total} payments in ${sendSeconds.toFixed(1)} s (${(total / sendSeconds).toFixed(1)}/s), ${failedSends} sends failed`);
    log(`  delivered:          ${delivered}/${total}${other.rows.length ? `; not delivered: ${other.rows.map((r) => `${r.state} ${r.n}`).join(', ')}` : ''}`);
    log(`  throughput:         ${(delivered / ((last - first) / 1000)).toFixed(1)} payments/s (first alert → last credit)`);
    log(`  latency p50/p95/p99 (alert received → SparkMeter credited): ${percentile(latencies, 50).toFixed(0)} / ${percentile(latencies, 95).toFixed(0)} / ${percentile(latencies, 99).toFixed(0)} ms (max ${latencies[latencies.length - 1]?.toFixed(0)} ms)`);
    log(`  p99 latency by 5 s of arrival (s: ms): ${timeline.rows.map((r) => `${r.t}: ${r.p99}`).join(', ')}`);
    log(`  time to reach each state from the one before (p50/p95/p99 ms): ${steps.rows.map((r) => `${r.state} ${r.p50}/${r.p95}/${r.p99}`).join(', ')}`);
    const intakeMetrics = await (await fetch(`${intake}/metrics`)).text();
    const waits = [...intakeMetrics.matchAll(/^limye_payment_step_waits_total\{[^}]*state="(\w+)"[^}]*\} (\d+)/gm)].map((m) => `${m[1]} ${m[2]}`);
    log(`  steps that had to wait and retry: ${waits.length ? waits.join(', ') : 'none'}`);
    const cpu = [...cpuAfter.entries()].map(([k, v]) => [k, v - (cpuBefore.get(k) ?? 0)] as const).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
    log(`  CPU per delivered payment (ms): ${cpu.map(([k, v]) => `${k} ${((v * 1000) / Math.max(1, delivered)).toFixed(1)}`).join(', ')}`);
    log(`  PostgreSQL transactions per delivered payment: ${((txAfter - txBefore) / Math.max(1, delivered)).toFixed(1)}`);
    if (process.env.BENCH_PG_STATS) await pgStatements(stack.databaseUrl, 'print');
    log('  peak memory (RSS):');
    for (const name of SERVICE_NAMES) log(`    ${name.padEnd(18)} ${((peaks.get(name) ?? 0) / 1048576).toFixed(0)} MiB`);
    log(`  exactly once: ${vendorCredits} SparkMeter credits for ${allDelivered} delivered payments (warm-up included)${vendorCredits === allDelivered ? '' : '  <-- MISMATCH'}`);
  } finally {
    await stack.stop().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
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
  for (const name of SERVICE_NAMES) await sampleRss(name, stack.service(name).pid, peaks as Map<string, number>);
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${(err as Error).stack}\n`);
  process.exit(1);
});
