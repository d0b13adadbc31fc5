import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export interface ServiceSpec {
  name: string;
  /** Compiled entry point, e.g. dist/apps/payment-intake/src/main.js */
  entry: string;
  port: number;
  env: Record<string, string>;
}

/**
 * One Limye service as a child process: started, waited for until /health/ready answers 200, killed
 * (gracefully or with SIGKILL, as the crash tests need) and restarted with the same settings.
 */
export class ServiceProcess {
  private child?: ChildProcess;
  private exited?: Promise<number | null>;
  /** Set by stop(): an exit then is not a crash. */
  private stopRequested = false;
  /** When the running process became ready (0 while starting). */
  private readyAt = 0;
  private keepAliveLog?: (line: string) => void;
  private restartTimer?: NodeJS.Timeout;
  private restartsInARow = 0;

  constructor(
    readonly spec: ServiceSpec,
    private readonly logFile: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.spec.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(readyTimeoutMs = 60000): Promise<void> {
    this.stopRequested = false;
    this.readyAt = 0;
    fs.mkdirSync(path.dirname(this.logFile), { recursive: true });
    const out = fs.openSync(this.logFile, 'a');
    // LIMYE_NODE_ARGS adds node flags to every service, e.g. '--cpu-prof --cpu-prof-dir=/tmp/prof' for profiling.
    const nodeArgs = (process.env.LIMYE_NODE_ARGS ?? '').split(' ').filter(Boolean);
    this.child = spawn(process.execPath, [...nodeArgs, this.spec.entry], {
      env: { ...process.env, ...this.spec.env },
      stdio: ['ignore', out, out],
    });
    fs.closeSync(out);
    const child = this.child;
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        resolve(code);
        if (child === this.child) this.exitedOnItsOwn(code, signal);
      }),
    );
    await this.waitReady(readyTimeoutMs);
    this.readyAt = Date.now();
  }

  /**
   * From now on a crash (an exit nobody asked for) is logged and the service started again: after 1 s,
   * doubling up to 30 s while it keeps failing, back to 1 s once it has run for a minute. For `npm start`;
   * tests kill services on purpose and leave this off.
   */
  keepAlive(log: (line: string) => void): void {
    this.keepAliveLog = log;
  }

  private exitedOnItsOwn(code: number | null, signal: NodeJS.Signals | null): void {
    // Not a crash: asked to stop, or it died while starting (start() reports that to its caller).
    if (this.stopRequested || !this.keepAliveLog || this.readyAt === 0) return;
    if (Date.now() - this.readyAt > 60_000) this.restartsInARow = 0;
    this.scheduleRestart(`exited on its own (${signal ?? `code ${code}`})`);
  }

  private scheduleRestart(why: string): void {
    const log = this.keepAliveLog as (line: string) => void;
    const delayMs = Math.min(30_000, 1000 * 2 ** this.restartsInARow++);
    log(`${this.spec.name} ${why}; restarting it in ${delayMs / 1000} s. Its log: ${this.logFile}`);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (this.stopRequested) return;
      this.start().then(
        () => log(`${this.spec.name} restarted and ready: ${this.url}`),
        (err: Error) => {
          if (this.running) this.child?.kill('SIGKILL'); // started but never ready
          if (!this.stopRequested) this.scheduleRestart(`could not restart (${err.message.split('\n')[0]})`);
        },
      );
    }, delayMs);
  }

  private async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) {
        throw new Error(`${this.spec.name} exited during start; its log:\n${tail(this.logFile)}`);
      }
      try {
        const res = await fetch(`${this.url}/health/ready`, { signal: AbortSignal.timeout(2000) });
        if (res.status === 200) return;
      } catch {
        /* not up yet */
      }
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error(`${this.spec.name} not ready after ${timeoutMs} ms; its log:\n${tail(this.logFile)}`);
  }

  /** SIGTERM and wait (graceful), or SIGKILL (a crash). */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM', timeoutMs = 15000): Promise<void> {
    this.stopRequested = true;
    clearTimeout(this.restartTimer);
    if (!this.child || !this.running) return;
    this.child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const done = await Promise.race([this.exited, new Promise((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)))]);
    clearTimeout(timer); // a pending timer would keep the caller's process (jest) alive for 15 s
    if (done === 'timeout') {
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }

  /** For process exit handlers: kill without waiting (not a crash: nothing restarts it). */
  killNow(): void {
    this.stopRequested = true;
    clearTimeout(this.restartTimer);
    if (this.child && this.running) this.child.kill('SIGKILL');
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }
}

function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
