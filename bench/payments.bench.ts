import '../libs/platform/src/register-paths';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Client } from 'pg';
import { LocalStack, SERVICE_NAMES, StackServiceName } from '@limye/local-stack';
import { BENCH_AUTH_ENV, LOAD_GENERATOR, PgCounters, benchEnvOverrides, inBatches, json, log, machineCpu, ownCpuByKind, percentile, pgCounters, pgStatements, postJson, sampleRss } from './bench-support';
import { NOISE_MARK, noiseFromEnv, startCpuNoise } from './cpu-noise';

/**
 * npm run bench — MonCash payments through the whole stack on this machine (every service its own
 * process, embedded PostgreSQL, local NATS, the sandbox as MonCash and SparkMeter).
 *
 * 1. prepares BENCH_CUSTOMERS customers and RATE×(WARMUP+DURATION) MonCash checkouts (not timed);
 * 2. warms up for BENCH_WARMUP_S seconds at the same rate (not measured), then for DURATION seconds, every
 *    1/RATE s a simulated customer pays one order; the sandbox then calls our Alert URL, exactly as MonCash would;
 * 3. waits for every payment to be DELIVERED and prints throughput, end-to-end latency (alert received →
 *    SparkMeter credited and recorded, from the payment's own timestamps), CPU per delivered payment by
 *    process and in total, the share of the machine's cores left idle, and each process's peak RSS;
 * 4. then steps the rate (×1.25 while p99 stays under 1 s and everything is delivered; ÷1.25 from the start
 *    when BENCH_RATE already fails), BENCH_STEP_S seconds a step, and prints the highest rate that held.
 * Settings: BENCH_RATE (100), BENCH_DURATION_S (60), BENCH_WARMUP_S (10), BENCH_CUSTOMERS (300),
 * BENCH_FIND_MAX (1; 0 = no rate steps), BENCH_STEP_S (20), BENCH_MAX_RATE (2000), BENCH_NOISE (0: cores a
 * CPU burner takes beside the run, e.g. 0.5), BENCH_ENV, BENCH_PG_STATS. Prints; asserts nothing.
 * CPU counts only this benchmark's own processes (its descendants), and Limye's own share (the five services,
 * PostgreSQL, NATS) is printed apart from the simulator's and the load generator's. The database is ANALYZEd after
 * setup and after the warm-up. LIMYE_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles every service.
 */
const RATE = Number(process.env.BENCH_RATE ?? 100);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 60);
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 300);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 10);
const FIND_MAX = (process.env.BENCH_FIND_MAX ?? '1') !== '0';
const STEP_S = Number(process.env.BENCH_STEP_S ?? 20);
const MAX_RATE = Number(process.env.BENCH_MAX_RATE ?? 2000);
const P99_BAR_MS = 1000;
const CORES = os.cpus().length;

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
        const p = postJson(`${sandbox}/sandbox/moncash/orders/${orders[sent++]}/pay`, {})
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

interface WindowResult {
  rate: number;
  offered: number;
  sendSeconds: number;
  failedSends: number;
  delivered: number;
  notDelivered: string;
  throughput: number;
  latencies: number[];
  /** CPU seconds by process kind during the window (sends until the last delivery). */
  cpu: Array<readonly [string, number]>;
  /** Share of the machine's cores idle during the window (0..1). */
  idle: number;
  transactions: number;
  /** PostgreSQL's counters over the window (the bench's own few statements included). */
  pg: PgCounters;
  windowStart: Date;
}

class PaymentBench {
  private accounts: string[] = [];
  private orderSeq = 0;

  constructor(
    private readonly stack: LocalStack,
    private readonly db: Client,
  ) {}

  get sandbox(): string {
    return this.stack.url('sandbox');
  }

  async createCustomers(n: number): Promise<void> {
    const registry = this.stack.url('customer-registry');
    await json('POST', `${registry}/v1/sites`, { id: 'bench-site', name: 'Bench site', country: 'HT', currency: 'HTG' });
    await inBatches([...Array(n).keys()], 10, async (i) => {
      const code = `B${String(i).padStart(6, '0')}`;
      await json('POST', `${this.sandbox}/sandbox/sparkmeter/customers`, { code, name: `Bench ${i}`, api: 'koios', creditMinor: 0 });
      const c = await json('POST', `${registry}/v1/customers`, {
        name: `Bench ${i}`,
        phone: `3${String(1000000 + i).padStart(7, '0')}`,
        siteId: 'bench-site',
        devices: [{ type: 'meter', manufacturer: 'SparkMeter', serial: `SM-BENCH-${i}`, vendorAccountRef: code }],
      });
      this.accounts.push(c.accountNumber);
    });
  }

  /** MonCash checkouts to pay later (not timed). */
  async prepareOrders(n: number): Promise<string[]> {
    const intake = this.stack.url('payment-intake');
    const orders: string[] = [];
    await inBatches([...Array(n).keys()], 16, async () => {
      const i = this.orderSeq++;
      const o = await json('POST', `${intake}/v1/checkout/moncash`, { accountNumber: this.accounts[i % this.accounts.length], amount: String(10 + (i % 90)) });
      orders.push(o.orderId);
    });
    return orders;
  }

  async now(): Promise<Date> {
    return (await this.db.query('SELECT now() AS t')).rows[0].t;
  }

  async deliveredSince(since: Date): Promise<number> {
    return (await this.db.query(`SELECT count(*)::int AS n FROM payment_intake.payments WHERE state = 'DELIVERED' AND created_at >= $1`, [since])).rows[0].n;
  }

  /** Pays the orders at `rate`, waits (up to `drainMs`) for all of them to be delivered, and measures. */
  async window(orders: string[], rate: number, drainMs: number): Promise<WindowResult> {
    const cpuBefore = await cpuByProcessKind();
    const machineBefore = await machineCpu();
    const pgBefore = await pgCounters(this.stack.databaseUrl);
    const windowStart = await this.now();
    const { sendSeconds, failedSends } = await payOrders(this.sandbox, orders, rate);
    const deadline = Date.now() + drainMs;
    let delivered = 0;
    while (Date.now() < deadline) {
      delivered = await this.deliveredSince(windowStart);
      if (delivered >= orders.length - failedSends) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const cpuAfter = await cpuByProcessKind();
    const machineAfter = await machineCpu();
    const pgAfter = await pgCounters(this.stack.databaseUrl);
    const rows = await this.db.query(
      `SELECT extract(epoch FROM created_at) * 1000 AS created, extract(epoch FROM completed_at) * 1000 AS completed
       FROM payment_intake.payments WHERE state = 'DELIVERED' AND created_at >= $1`,
      [windowStart],
    );
    const other = await this.db.query(`SELECT state, count(*)::int AS n FROM payment_intake.payments WHERE state <> 'DELIVERED' AND created_at >= $1 GROUP BY state`, [windowStart]);
    const latencies = rows.rows.map((r) => Number(r.completed) - Number(r.created)).sort((a, b) => a - b);
    const first = Math.min(...rows.rows.map((r) => Number(r.created)));
    const last = Math.max(...rows.rows.map((r) => Number(r.completed)));
    const cpu = [...cpuAfter.entries()].map(([k, v]) => [k, v - (cpuBefore.get(k) ?? 0)] as const).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
    const wall = machineAfter.total - machineBefore.total;
    return {
      rate,
      offered: orders.length,
      sendSeconds,
      failedSends,
      delivered: rows.rows.length,
      notDelivered: other.rows.map((r) => `${r.state} ${r.n}`).join(', '),
      throughput: rows.rows.length / Math.max(0.001, (last - first) / 1000),
      latencies,
      cpu,
      idle: wall > 0 ? (machineAfter.idle - machineBefore.idle) / wall : NaN,
      transactions: pgAfter.transactions - pgBefore.transactions,
      pg: {
        transactions: pgAfter.transactions - pgBefore.transactions,
        sessions: pgAfter.sessions - pgBefore.sessions,
        walRecords: pgAfter.walRecords - pgBefore.walRecords,
        walBytes: pgAfter.walBytes - pgBefore.walBytes,
        walSyncs: pgAfter.walSyncs - pgBefore.walSyncs,
      },
      windowStart,
    };
  }
}

/** A window holds the bar: everything offered delivered, p99 under 1 s. */
function holds(w: WindowResult): boolean {
  return w.failedSends === 0 && w.delivered >= w.offered && percentile(w.latencies, 99) < P99_BAR_MS;
}

function cpuPerPaymentMs(w: WindowResult): number {
  return (w.cpu.reduce((n, [, v]) => n + v, 0) * 1000) / Math.max(1, w.delivered);
}

function oneLine(w: WindowResult): string {
  const l = w.latencies;
  return (
    `${w.rate}/s: delivered ${w.delivered}/${w.offered}${w.notDelivered ? ` (not: ${w.notDelivered})` : ''}, ${w.throughput.toFixed(1)}/s, ` +
    `p50/p99 ${percentile(l, 50).toFixed(0)}/${percentile(l, 99).toFixed(0)} ms, CPU ${cpuPerPaymentMs(w).toFixed(1)} ms/payment, ` +
    `${(w.idle * 100).toFixed(0)} % of ${CORES} cores idle → ${holds(w) ? 'holds' : 'fails'}`
  );
}

async function main(): Promise<void> {
  const noiseCores = noiseFromEnv();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'limye-bench-'));
  fs.chmodSync(dir, 0o755);
  const stack = new LocalStack({
    dataDir: dir,
    distDir: path.resolve(__dirname, '..'),
    portMode: 'free',
    persistent: false,
    env: { LOG_LEVEL: 'warn', SPARKMETER_SITE_APIS: 'bench-site:koios', MONCASH_RECONCILE_INTERVAL_MS: '600000', ...BENCH_AUTH_ENV, ...benchEnvOverrides() },
    log: (l) => log(`  ${l}`),
  });
  process.on('exit', () => stack.killAll());
  let noise: { stop(): void } | undefined;
  try {
    const cpuModel = os.cpus()[0]?.model?.trim() ?? 'unknown CPU';
    log(`Limye payment benchmark: ${RATE} payments/s for ${DURATION_S} s on ${CORES} cores (nproc ${CORES}, ${cpuModel})${noiseCores ? `, with a CPU burner taking ${noiseCores} core` : ''}`);
    await stack.startInfrastructure();
    await stack.startServices();
    const db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
    const bench = new PaymentBench(stack, db);
    await bench.createCustomers(CUSTOMERS);
    const total = RATE * DURATION_S;
    const warmup = RATE * WARMUP_S;
    log(`  preparing ${warmup + total} MonCash checkouts…`);
    const warmOrders = await bench.prepareOrders(warmup);
    const orders = await bench.prepareOrders(total);
    // Planner statistics for the tables setup just filled (customers, accounts, checkouts): a fresh database has
    // none, autovacuum would analyze only after its 30 s naptime, and plans made on empty statistics pick the
    // wrong indexes (open checkouts, sequential scans of accounts) — not what a system that has been running does.
    await analyze(db);
    if (noiseCores > 0) noise = startCpuNoise(noiseCores);

    if (warmup > 0) {
      // Warm-up (not measured): JIT, connection pools, planner statistics, as in a system that has been running.
      log(`  warm-up: ${warmup} payments at ${RATE}/s…`);
      await bench.window(warmOrders, RATE, 120000);
      await analyze(db); // and for what the warm-up wrote (payments, postings, deliveries)
    }

    const peaks = new Map<StackServiceName, number>();
    const sampler = setInterval(() => void sampleMemory(stack, peaks), 1000);
    log(`  paying ${total} orders at ${RATE}/s…`);
    if (process.env.BENCH_PG_STATS) await pgStatements(stack.databaseUrl, 'reset');
    const w = await bench.window(orders, RATE, 180000);
    clearInterval(sampler);
    await sampleMemory(stack, peaks);
    const steps = await db.query(
      `SELECT state, round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms))::int AS p50,
              round(percentile_cont(0.95) WITHIN GROUP (ORDER BY ms))::int AS p95,
              round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms))::int AS p99
       FROM (SELECT state, extract(epoch FROM at - lag(at) OVER (PARTITION BY payment_id ORDER BY id)) * 1000 AS ms
             FROM payment_intake.payment_events
             WHERE payment_id IN (SELECT id FROM payment_intake.payments WHERE created_at >= $1)) t
       WHERE ms IS NOT NULL GROUP BY state ORDER BY min(ms)`,
      [w.windowStart],
    );
    const timeline = await db.query(
      `SELECT floor(extract(epoch FROM created_at - $1::timestamptz) / 5)::int * 5 AS t,
              round(percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM completed_at - created_at) * 1000))::int AS p99
       FROM payment_intake.payments WHERE state = 'DELIVERED' AND created_at >= $1 GROUP BY 1 ORDER BY 1`,
      [w.windowStart],
    );
    const l = w.latencies;
    log('');
    log('Results');
    log(`  machine:            nproc ${CORES}, ${cpuModel}${noiseCores ? `; CPU burner beside it: ${noiseCores} core` : ''}`);
    log(`  offered:            ${w.offered} payments in ${w.sendSeconds.toFixed(1)} s (${(w.offered / w.sendSeconds).toFixed(1)}/s), ${w.failedSends} sends failed`);
    log(`  delivered:          ${w.delivered}/${w.offered}${w.notDelivered ? `; not delivered: ${w.notDelivered}` : ''}`);
    log(`  throughput:         ${w.throughput.toFixed(1)} payments/s (first alert → last credit)`);
    log(`  latency p50/p95/p99 (alert received → SparkMeter credited): ${percentile(l, 50).toFixed(0)} / ${percentile(l, 95).toFixed(0)} / ${percentile(l, 99).toFixed(0)} ms (max ${l[l.length - 1]?.toFixed(0)} ms)`);
    log(`  p99 latency by 5 s of arrival (s: ms): ${timeline.rows.map((r) => `${r.t}: ${r.p99}`).join(', ')}`);
    log(`  time to reach each state from the one before (p50/p95/p99 ms): ${steps.rows.map((r) => `${r.state} ${r.p50}/${r.p95}/${r.p99}`).join(', ')}`);
    const intakeMetrics = await (await fetch(`${stack.url('payment-intake')}/metrics`)).text();
    const waits = [...intakeMetrics.matchAll(/^limye_payment_step_waits_total\{[^}]*state="(\w+)"[^}]*\} (\d+)/gm)].map((m) => `${m[1]} ${m[2]}`);
    log(`  steps that had to wait and retry: ${waits.length ? waits.join(', ') : 'none'}`);
    log(`  CPU per delivered payment (ms): total ${cpuPerPaymentMs(w).toFixed(1)} = ${w.cpu.map(([k, v]) => `${k} ${((v * 1000) / Math.max(1, w.delivered)).toFixed(1)}`).join(', ')}`);
    // In production MonCash and SparkMeter are remote and nobody runs a load generator: Limye's own share is the figure to cut.
    const limye = groupMsPerPayment(w, (k) => LIMYE_KINDS.has(k));
    const simulator = groupMsPerPayment(w, (k) => SIMULATOR_KINDS.has(k));
    const loadGenerator = groupMsPerPayment(w, (k) => k === LOAD_GENERATOR);
    const rest = groupMsPerPayment(w, (k) => !LIMYE_KINDS.has(k) && !SIMULATOR_KINDS.has(k) && k !== LOAD_GENERATOR);
    log(`  of which (ms):      Limye (five services + PostgreSQL + NATS) ${limye.toFixed(1)}, simulator (sandbox as MonCash and SparkMeter) ${simulator.toFixed(1)}, load generator ${loadGenerator.toFixed(1)}${rest > 0.05 ? `, other ${rest.toFixed(1)}` : ''}`);
    log(`  cores left idle:    ${(w.idle * 100).toFixed(0)} % of ${CORES} (bar: at least 50 %)`);
    log(`  PostgreSQL transactions per delivered payment: ${(w.transactions / Math.max(1, w.delivered)).toFixed(1)}`);
    const per = (n: number) => n / Math.max(1, w.delivered);
    log(`  PostgreSQL per delivered payment: WAL ${per(w.pg.walRecords).toFixed(0)} records, ${(per(w.pg.walBytes) / 1024).toFixed(1)} kB, ${per(w.pg.walSyncs).toFixed(1)} syncs; connections opened in the window: ${w.pg.sessions}`);
    if (process.env.BENCH_PG_STATS) await pgStatements(stack.databaseUrl, 'print');
    log('  peak memory (RSS):');
    for (const name of SERVICE_NAMES) log(`    ${name.padEnd(18)} ${((peaks.get(name) ?? 0) / 1048576).toFixed(0)} MiB`);
    log(`  bar (${RATE}/s for ${DURATION_S} s, p99 < 1 s, half the cores idle): ${holds(w) && w.idle >= 0.5 ? 'met' : 'NOT met'}`);

    if (FIND_MAX) {
      log('');
      log(`Highest rate with p99 under 1 s (${STEP_S} s a step)`);
      // Up by 25 % a step while it holds; when BENCH_RATE itself failed, down by 25 % a step until one holds.
      const up = holds(w);
      let best = up ? RATE : 0;
      for (let rate = Math.round(up ? RATE * 1.25 : RATE / 1.25); rate >= 5 && rate <= MAX_RATE; rate = Math.round(up ? rate * 1.25 : rate / 1.25)) {
        const stepOrders = await bench.prepareOrders(rate * STEP_S);
        const s = await bench.window(stepOrders, rate, 60000);
        log(`  ${oneLine(s)}`);
        if (holds(s)) best = rate;
        if (holds(s) !== up) break;
        // Let what is left drain before the next step, so one step's queue does not count against the next.
        const drainUntil = Date.now() + 60000;
        while ((await bench.deliveredSince(s.windowStart)) < s.offered - s.failedSends && Date.now() < drainUntil) await new Promise((r) => setTimeout(r, 500));
      }
      log(`  highest rate that held: ${best > 0 ? `${best} payments/s` : 'none tried held'}`);
    }

    // Exactly-once check: the simulator's count of SparkMeter credits equals the payments delivered.
    const allDelivered: number = (await db.query(`SELECT count(*)::int AS n FROM payment_intake.payments WHERE state = 'DELIVERED'`)).rows[0].n;
    await db.end();
    const vendor = await json('GET', `${stack.url('sandbox')}/sandbox/sparkmeter/customers`);
    const vendorCredits = (vendor.customers as Array<{ code: string; payments: number }>).filter((c) => c.code.startsWith('B')).reduce((n, c) => n + c.payments, 0);
    log('');
    log(`  exactly once: ${vendorCredits} SparkMeter credits for ${allDelivered} delivered payments (warm-up and steps included)${vendorCredits === allDelivered ? '' : '  <-- MISMATCH'}`);
  } finally {
    noise?.stop();
    await stack.stop().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Who a process is in the CPU figures: Limye itself (services, PostgreSQL, NATS), the simulator, or the load generator. */
const LIMYE_KINDS = new Set(['payment-intake', 'customer-registry', 'debt-ledger', 'meter-adapter', 'eligibility', 'postgres', 'nats-server']);
const SIMULATOR_KINDS = new Set(['sandbox']);

/** CPU seconds so far of the benchmark's own processes by kind, reaped PostgreSQL backends included. */
const cpuByProcessKind = () => ownCpuByKind(NOISE_MARK, true);

/** CPU ms per delivered payment of the kinds `which` selects. */
function groupMsPerPayment(w: WindowResult, which: (kind: string) => boolean): number {
  return (w.cpu.filter(([k]) => which(k)).reduce((n, [, v]) => n + v, 0) * 1000) / Math.max(1, w.delivered);
}

/** ANALYZE of every Limye schema (the whole database is the bench's own). */
async function analyze(db: Client): Promise<void> {
  await db.query('ANALYZE');
}

/** Reads each service's resident memory (VmRSS) from /proc, by its process id. */
async function sampleMemory(stack: LocalStack, peaks: Map<StackServiceName, number>): Promise<void> {
  for (const name of SERVICE_NAMES) await sampleRss(name, stack.service(name).pid, peaks as Map<string, number>);
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${(err as Error).stack}\n`);
  process.exit(1);
});
