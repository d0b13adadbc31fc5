import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Client } from 'pg';
import { EmbeddedPostgres } from './embedded-postgres';

/** The processes whose command line names `text` (initdb and its bootstrap backend for a folder). */
function processesNaming(text: string): Array<{ pid: number; pgid: number; cmdline: string }> {
  const found = [];
  for (const d of fs.readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      const cmdline = fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (!cmdline.includes(text) || Number(d) === process.pid) continue;
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      found.push({ pid: Number(d), pgid: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]), cmdline });
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

async function until<T>(check: () => T | undefined | false, timeoutMs = 20000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Run apart (`node -e <this> <folder>`): waits until initdb has written PG_VERSION under the folder (what
 * made a half-made cluster look complete to older launchers), then SIGKILLs initdb's process group.
 */
const KILL_INITDB_ONCE_IT_WROTE_PG_VERSION = `
const fs = require('fs');
const dir = process.argv[1];
const group = (pid) => { const stat = fs.readFileSync('/proc/' + pid + '/stat', 'utf8'); return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]); };
const tick = setInterval(() => {
  if (!['cluster', 'cluster.new'].some((c) => fs.existsSync(dir + '/' + c + '/PG_VERSION'))) return;
  for (const pid of fs.readdirSync('/proc').filter((x) => /^[0-9]+$/.test(x))) {
    try {
      const argv = fs.readFileSync('/proc/' + pid + '/cmdline', 'utf8').split('\\0');
      if (!argv[0].endsWith('/initdb') || !argv.some((a) => a.includes(dir))) continue;
      const pgid = group(pid);
      process.kill(pgid === Number(pid) ? -pgid : Number(pid), 'SIGKILL');
      clearInterval(tick);
    } catch {}
  }
}, 5);
console.log('watching');
`;

const failure = (p: Promise<unknown>) => p.then(() => new Error('started'), (e: Error) => e);

// Real initdb and PostgreSQL: seconds, more on a busy machine.
jest.setTimeout(90000);

describe('EmbeddedPostgres first start (initdb) cut short', () => {
  let dir: string;
  const servers: EmbeddedPostgres[] = [];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'limye-initdb-'));
    fs.chmodSync(dir, 0o755); // the postgres user (when we are root) must reach its data below
  });
  afterEach(async () => {
    for (const pg of servers.splice(0)) await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const newPostgres = () => {
    const pg = new EmbeddedPostgres({ dataDir: path.join(dir, 'pg'), database: 'limye', logFile: path.join(dir, 'postgres.log') });
    servers.push(pg);
    return pg;
  };
  const initdbOf = () => processesNaming(path.join(dir, 'pg')).find((p) => /\/initdb /.test(p.cmdline));

  it("a stop while initdb runs (one Ctrl-C) ends initdb at once, in initdb's own process group, and leaves nothing behind", async () => {
    const pg = newPostgres();
    const starting = failure(pg.start());
    const initdb = await until(initdbOf);
    expect(initdb.pgid).toBe(initdb.pid); // its own group: the terminal's Ctrl-C does not reach it
    await pg.stop();
    expect((await starting).message).toMatch(/^PostgreSQL was stopped while starting/);
    expect(processesNaming(path.join(dir, 'pg'))).toEqual([]);
    expect(fs.readdirSync(path.join(dir, 'pg')).filter((f) => f.startsWith('cluster'))).toEqual([]);
  });

  it('after a kill -9 during initdb (launcher and initdb), the next start makes the cluster again and works', async () => {
    // The kill comes from another process, as it would: it waits until initdb has written PG_VERSION
    // (what made the half-made cluster look complete) and SIGKILLs initdb's process group.
    const killer = spawn(process.execPath, ['-e', KILL_INITDB_ONCE_IT_WROTE_PG_VERSION, path.join(dir, 'pg')], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise((r) => killer.stdout!.once('data', r));
      const err = await failure(newPostgres().start());
      expect(err.message).toMatch(/^PostgreSQL initdb failed \(exit SIGKILL\)/);
    } finally {
      killer.kill('SIGKILL');
    }
    await until(() => processesNaming(path.join(dir, 'pg')).length === 0 || undefined);

    const lines: string[] = [];
    const again = new EmbeddedPostgres({ dataDir: path.join(dir, 'pg'), database: 'limye', logFile: path.join(dir, 'postgres.log'), log: (l) => lines.push(l) });
    servers.push(again);
    await again.start();
    expect(lines).toContain(`initialising PostgreSQL in ${path.join(dir, 'pg', 'cluster')}`);
    const client = new Client({ connectionString: again.url });
    await client.connect();
    try {
      expect((await client.query('SELECT current_database() AS db')).rows[0].db).toBe('limye');
    } finally {
      await client.end();
    }
  });

  it("a cluster left half-made by an older launcher (PG_VERSION, but no database 'postgres') fails at once saying what to delete, and is not deleted", async () => {
    const pg = newPostgres();
    await pg.start();
    const admin = new Client({ connectionString: pg.url });
    await admin.connect();
    await admin.query('DROP DATABASE postgres');
    await admin.end();
    await pg.stop();
    const cluster = path.join(dir, 'pg', 'cluster');
    const err = await failure(newPostgres().start(30000));
    expect(err.message).toBe(
      `PostgreSQL's cluster ${cluster} has no "postgres" database: most likely a first start was cut short while it was being made (initdb), so it holds no data. Delete it and start again: rm -rf '${cluster}'`,
    );
    expect(fs.existsSync(path.join(cluster, 'PG_VERSION'))).toBe(true);
  });
});
