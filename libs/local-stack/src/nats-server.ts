import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { freePort, waitForPort } from './ports';

export interface RunningNats {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const CANDIDATES = ['/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server'];

/** Finds nats-server on PATH or where Debian installs it. */
export function findNatsServer(): string | undefined {
  const which = spawnSync('sh', ['-c', 'command -v nats-server'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return which.stdout.trim();
  return CANDIDATES.find((p) => fs.existsSync(p));
}

export const NATS_INSTALL_COMMAND = 'sudo apt-get update && sudo apt-get install -y nats-server';

/**
 * Returns the nats-server binary, installing Debian's package when we are root and have apt-get.
 * Otherwise throws with the exact command to run.
 */
export function ensureNatsServer(log: (line: string) => void = () => undefined): string {
  const found = findNatsServer();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;
  if (isRoot && hasApt) {
    log('nats-server not found: installing Debian package nats-server (apt-get)…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const install = spawnSync('apt-get', ['install', '-y', '-qq', 'nats-server'], { stdio: 'inherit', env });
    if (update.status === 0 && install.status === 0) {
      const installed = findNatsServer();
      if (installed) return installed;
    }
  }
  throw new Error(`nats-server is not installed and could not be installed automatically. Run:\n  ${NATS_INSTALL_COMMAND}\nor set NATS_URL to an existing NATS server with JetStream.`);
}

/** Starts nats-server with JetStream on loopback, its store under `storeDir`. */
export async function startNatsServer(opts: { storeDir: string; port?: number; log?: (l: string) => void }): Promise<RunningNats> {
  const bin = ensureNatsServer(opts.log);
  fs.mkdirSync(opts.storeDir, { recursive: true });
  const pidFile = path.join(path.resolve(opts.storeDir), 'nats-server.pid');
  await stopOrphanNats(pidFile, opts.log);
  const port = await freePort(opts.port);
  const child: ChildProcess = spawn(bin, ['-js', '-sd', path.resolve(opts.storeDir), '-a', '127.0.0.1', '-p', String(port), '-P', pidFile], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Whatever ends this process (even a crash), the nats-server it started ends with it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => process.removeListener('exit', killOnExit));
  try {
    await Promise.race([
      waitForPort(port, 20000),
      exited.then(() => {
        throw new Error(`nats-server exited at start:\n${stderr}`);
      }),
    ]);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/**
 * A launcher killed hard leaves its nats-server running on the same JetStream store; two servers must
 * never share one store, so the old one is stopped first (only if it really is a nats-server).
 */
async function stopOrphanNats(pidFile: string, log?: (l: string) => void): Promise<void> {
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return;
  const cmdline = fs.existsSync(`/proc/${pid}/cmdline`) ? fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8') : '';
  if (!cmdline.includes('nats-server')) return;
  log?.(`stopping a nats-server left running from an earlier start (pid ${pid})`);
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 100));
    if (!fs.existsSync(`/proc/${pid}`)) return;
  }
  process.kill(pid, 'SIGKILL');
}
