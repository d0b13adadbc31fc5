import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { GuardStage } from './child-guard';
import { mayStopLeftover, recordOwner } from './leftover-server';
import { canConnect, portOrFree } from './ports';
import { SupervisedProcess } from './supervised-process';

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

export interface NatsServerOptions {
  storeDir: string;
  /** Preferred port for the first start (taken: any free one); restarts keep the port of the first. */
  port?: number;
  /** The variable that sets `port`, named when that port is taken (LIMYE_NATS_PORT). */
  portEnv?: string;
  /** Its output; default nats-server.log in storeDir. */
  logFile?: string;
  log?: (l: string) => void;
}

/**
 * nats-server with JetStream on loopback, its store under `storeDir`, in its own process group (see
 * SupervisedProcess). With keepAlive it is started again after a crash on the same port and store, so
 * the services' clients (which retry forever) reconnect and JetStream keeps its streams.
 */
export class NatsServer extends SupervisedProcess implements RunningNats {
  private bin?: string;
  private chosenPort?: number;
  private readonly storeDir: string;
  private readonly pidFile: string;

  constructor(private readonly opts: NatsServerOptions) {
    const storeDir = path.resolve(opts.storeDir);
    super('nats-server', opts.logFile ?? path.join(storeDir, 'nats-server.log'), GuardStage.nats);
    this.storeDir = storeDir;
    this.pidFile = path.join(storeDir, 'nats-server.pid');
  }

  get port(): number {
    if (!this.chosenPort) throw new Error('nats-server has not been started');
    return this.chosenPort;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  protected override readyTimeoutMs = 20000;

  protected override async beforeSpawn(): Promise<void> {
    this.bin ??= ensureNatsServer(this.opts.log);
    fs.mkdirSync(this.storeDir, { recursive: true });
    const ownerFile = path.join(this.storeDir, 'launcher.pid');
    await stopOrphanNats(this.pidFile, this.storeDir, ownerFile, this.opts.log);
    recordOwner(ownerFile);
    this.chosenPort ??= await portOrFree('nats-server', this.opts.port, this.opts.portEnv, this.opts.log);
  }

  protected spawnChild(logFd: number): ChildProcess {
    return spawn(this.bin as string, ['-js', '-sd', this.storeDir, '-a', '127.0.0.1', '-p', String(this.port), '-P', this.pidFile], {
      stdio: ['ignore', logFd, logFd],
      detached: true,
    });
  }

  protected probeReady(): Promise<boolean> {
    return canConnect(this.port);
  }

  protected override listenAddress() {
    return { host: '127.0.0.1', port: this.port };
  }

  protected describe(): string {
    return this.url;
  }
}

/** Starts nats-server (see NatsServer) and waits until it accepts connections. */
export async function startNatsServer(opts: NatsServerOptions): Promise<NatsServer> {
  const nats = new NatsServer(opts);
  await nats.start();
  return nats;
}

/**
 * Two servers must never share one JetStream store: a nats-server still running on it (a launcher killed
 * hard whose guard could not stop it) is stopped first — only if it really is a nats-server on this store,
 * and its launcher is gone (mayStopLeftover; a live launcher's server makes the start fail instead).
 */
async function stopOrphanNats(pidFile: string, storeDir: string, ownerFile: string, log?: (l: string) => void): Promise<void> {
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return;
  const cmdline = fs.existsSync(`/proc/${pid}/cmdline`) ? fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8') : '';
  if (!cmdline.includes('nats-server') || !cmdline.includes(storeDir)) return;
  mayStopLeftover('nats-server', pid, storeDir, ownerFile);
  log?.(`stopping a nats-server left running from an earlier start (pid ${pid})`);
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 100));
    if (!fs.existsSync(`/proc/${pid}`)) return;
  }
  process.kill(pid, 'SIGKILL');
}
