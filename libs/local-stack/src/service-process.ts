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
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    await this.waitReady(readyTimeoutMs);
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

  /** For process exit handlers: kill without waiting. */
  killNow(): void {
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
