import * as fs from 'fs';
import { Client } from 'pg';
import { Agent, request } from 'undici';
import { DEFAULT_ORGANISATION_ID, localJwksEnv, newLocalSigningKey, signLocalAccessToken } from '@limye/platform';

/** What the benchmarks share: output, HTTP, batching, percentiles and PostgreSQL counters. */

export const log = (s: string): void => {
  process.stdout.write(`${s}\n`);
};

/**
 * The benchmark's own signing key: its stack gets BENCH_AUTH_ENV (AUTH_JWKS) and so trusts the owner token
 * json() sends to the operator routes of the setup (docs/access.md).
 */
const benchKey = newLocalSigningKey('limye-bench');
export const BENCH_AUTH_ENV: Record<string, string> = localJwksEnv(benchKey);
let benchToken: Promise<string> | undefined;
const benchAuthorization = async () => {
  benchToken ??= signLocalAccessToken(benchKey, { subject: 'bench', organisationId: DEFAULT_ORGANISATION_ID, role: 'owner', expiresInS: 12 * 3600 });
  return `Bearer ${await benchToken}`;
};

/** A JSON call (with the bench's owner token) that throws on any 4xx/5xx (setup steps must not fail silently). */
export async function json(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<any> {
  const res = await fetch(url, { method, headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), authorization: await benchAuthorization(), ...headers }, body: body !== undefined ? JSON.stringify(body) : undefined });
  const t = await res.text();
  if (res.status >= 400) throw new Error(`${method} ${url} → ${res.status} ${t.slice(0, 300)}`);
  return t ? JSON.parse(t) : undefined;
}

/**
 * The load generator's own calls: undici's request() on a keep-alive agent instead of fetch, whose WHATWG
 * streams cost about 1 ms of CPU per call — counted in the bench's "everything included" CPU otherwise.
 */
const loadAgent = new Agent({ keepAliveTimeout: 4000, connections: 256 });

/** POST a JSON body; throws on any 4xx/5xx, like json(). */
export async function postJson(url: string, body: unknown): Promise<unknown> {
  const res = await request(url, { method: 'POST', dispatcher: loadAgent, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const t = await res.body.text();
  if (res.statusCode >= 400) throw new Error(`POST ${url} → ${res.statusCode} ${t.slice(0, 300)}`);
  return t ? JSON.parse(t) : undefined;
}

/** Runs `fn` over `items`, at most `concurrency` at a time. */
export async function inBatches<T>(items: T[], concurrency: number, fn: (t: T) => Promise<void>): Promise<void> {
  let i = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (i < items.length) await fn(items[i++]);
  }));
}

/** The p-th percentile (nearest rank) of an ascending array; NaN when empty. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Transactions PostgreSQL has committed in the database so far (each autocommit statement is one). */
export async function committedTransactions(url: string): Promise<number> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query(`SELECT xact_commit::bigint AS n FROM pg_stat_database WHERE datname = current_database()`);
    return Number(r.rows[0].n);
  } finally {
    await c.end();
  }
}

/** PostgreSQL's own counters so far, for work per payment that CPU figures on a shared machine blur. */
export interface PgCounters {
  transactions: number;
  /** Connections opened (each a backend start and an authentication). */
  sessions: number;
  walRecords: number;
  walBytes: number;
  walSyncs: number;
}

export async function pgCounters(url: string): Promise<PgCounters> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const db = (await c.query(`SELECT xact_commit::bigint AS tx, sessions::bigint AS sessions FROM pg_stat_database WHERE datname = current_database()`)).rows[0];
    const wal = (await c.query(`SELECT wal_records::bigint AS records, wal_bytes::bigint AS bytes, wal_sync::bigint AS syncs FROM pg_stat_wal`)).rows[0];
    return { transactions: Number(db.tx), sessions: Number(db.sessions), walRecords: Number(wal.records), walBytes: Number(wal.bytes), walSyncs: Number(wal.syncs) };
  } finally {
    await c.end();
  }
}

/**
 * BENCH_PG_STATS=1 (with LIMYE_PG_FLAGS='-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all'):
 * the statements PostgreSQL spent most time on during the timed window.
 */
export async function pgStatements(url: string, what: 'reset' | 'print'): Promise<void> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    if (what === 'reset') {
      await c.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
      await c.query('SELECT pg_stat_statements_reset()');
      return;
    }
    const r = await c.query(
      `SELECT calls, round(total_exec_time)::int AS exec_ms, round(total_plan_time)::int AS plan_ms, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS q
       FROM pg_stat_statements ORDER BY total_exec_time + total_plan_time DESC LIMIT 15`,
    );
    log('  top statements (calls, exec ms, plan ms):');
    for (const row of r.rows) log(`    ${row.calls}\t${row.exec_ms}\t${row.plan_ms}\t${row.q}`);
  } finally {
    await c.end();
  }
}

/** BENCH_ENV='A=1,B=2' passes extra settings to every service (to try tunings without editing code). */
export function benchEnvOverrides(): Record<string, string> {
  const raw = process.env.BENCH_ENV ?? '';
  return Object.fromEntries(raw.split(',').filter(Boolean).map((kv) => kv.split('=') as [string, string]));
}

/** Keeps in `peaks` the highest resident memory (VmRSS, from /proc) seen for a process. */
export async function sampleRss(name: string, pid: number | undefined, peaks: Map<string, number>): Promise<void> {
  if (!pid) return;
  try {
    const status = await fs.promises.readFile(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
    peaks.set(name, Math.max(peaks.get(name) ?? 0, kb * 1024));
  } catch {
    /* a missed sample is fine */
  }
}

/** The kind each of a benchmark's own processes counts as (the load generator is the benchmark itself). */
export const LOAD_GENERATOR = 'bench (load generator)';

/**
 * CPU seconds used so far by this benchmark's own processes (itself and its descendants: the services,
 * postgres, nats-server), grouped by kind; other people's processes on a shared machine, and the BENCH_NOISE
 * burner (its command line carries `skipMark`), are left out. With `reapedChildren`, a process's reaped
 * children (cutime/cstime) count with it, so PostgreSQL backends that exit during a window are not lost.
 */
export async function ownCpuByKind(skipMark: string, reapedChildren: boolean): Promise<Map<string, number>> {
  const ticksPerSecond = 100; // USER_HZ on Linux
  const procs = new Map<number, { ppid: number; seconds: number; cmd: string }>();
  for (const pid of await fs.promises.readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = (await fs.promises.readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1].split(' ');
      const cmd = (await fs.promises.readFile(`/proc/${pid}/cmdline`, 'utf8')).replace(/\0/g, ' ');
      if (cmd.includes(skipMark)) continue;
      const ticks = Number(stat[11]) + Number(stat[12]) + (reapedChildren ? Number(stat[13]) + Number(stat[14]) : 0); // utime stime [cutime cstime]
      procs.set(Number(pid), { ppid: Number(stat[1]), seconds: ticks / ticksPerSecond, cmd });
    } catch {
      /* process ended meanwhile */
    }
  }
  const ours = new Set<number>([process.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, p] of procs) {
      if (!ours.has(pid) && ours.has(p.ppid)) {
        ours.add(pid);
        grew = true;
      }
    }
  }
  const byKind = new Map<string, number>();
  for (const pid of ours) {
    const p = procs.get(pid);
    if (!p) continue;
    const kind = pid === process.pid ? LOAD_GENERATOR : /apps\/([a-z-]+)\//.exec(p.cmd)?.[1] ?? (/postgres/.test(p.cmd) ? 'postgres' : /nats-server/.test(p.cmd) ? 'nats-server' : 'other');
    byKind.set(kind, (byKind.get(kind) ?? 0) + p.seconds);
  }
  return byKind;
}

/** The machine's CPU time so far (all cores, in ticks): total and idle, from /proc/stat. */
export async function machineCpu(): Promise<{ total: number; idle: number }> {
  const line = (await fs.promises.readFile('/proc/stat', 'utf8').catch(() => 'cpu 0 0 0 0 0')).split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return { total: line.slice(0, 8).reduce((a, b) => a + (b || 0), 0), idle: (line[3] ?? 0) + (line[4] ?? 0) };
}
