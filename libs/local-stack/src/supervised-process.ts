import { ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { childGuard, GuardStage } from './child-guard';
import { describePortTaken, listensOn } from './port-holder';
import { isPortFree } from './ports';
import { RestartBackoff } from './restart-backoff';

/**
 * One child process of the launcher — a service, nats-server or PostgreSQL — with what they share:
 *
 * - it runs in its own process group (the subclass spawns it `detached`): a terminal's Ctrl-C reaches
 *   only the launcher, which stops everything in order;
 * - the child guard stops it if the launcher dies without doing so (see child-guard.ts);
 * - its output goes to its log file; a failed start says why, from what this start wrote there;
 * - with keepAlive (npm start) an exit nobody asked for is logged and it is started again, with the
 *   same settings, after a back-off (restart-backoff.ts). Tests kill processes on purpose: off.
 */
export abstract class SupervisedProcess {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  /** Set by stop(): an exit then is not a crash. */
  private stopRequested = false;
  /** stop() has been called since the last start (work in beforeSpawn gives up then). */
  protected get stopWasRequested(): boolean {
    return this.stopRequested;
  }
  /** When the running process became ready (0 while starting). */
  private readyAt = 0;
  private restartLog?: (line: string) => void;
  private restartTimer?: NodeJS.Timeout;
  private readonly backoff = new RestartBackoff();

  protected constructor(
    /** As it appears in the launcher's lines: 'payment-intake', 'nats-server', 'PostgreSQL'. */
    readonly name: string,
    readonly logFile: string,
    private readonly stage: GuardStage,
    /** What asks it to stop gracefully (PostgreSQL: SIGINT, its fast shutdown). */
    private readonly stopSignal: NodeJS.Signals = 'SIGTERM',
  ) {}

  /** Spawns the process, `detached: true`, its stdout and stderr on `logFd`. */
  protected abstract spawnChild(logFd: number): ChildProcess;

  /** One readiness probe (an HTTP health check, a TCP connect, a query). */
  protected abstract probeReady(): Promise<boolean>;

  /** Where to reach it, for the 'restarted and ready' line. */
  protected abstract describe(): string;

  /** Work before each spawn (find the binary, choose the port, clear an orphan, initdb). */
  protected async beforeSpawn(): Promise<void> {}

  /**
   * Where it listens, once chosen (after beforeSpawn): a start first checks that the port is free, and a
   * probe counts only when this child holds the listening socket (not another process on the port).
   * `env` is the variable that moves it, named when the port is taken.
   */
  protected listenAddress(): { host: string; port: number; env?: string } | undefined {
    return undefined;
  }

  /** Work once ready, part of the start (create the database). */
  protected async afterReady(): Promise<void> {}

  /** How long a start may take before it counts as failed. */
  protected readyTimeoutMs = 60000;

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return !!this.child?.pid && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts it and waits until ready; a start that fails, or is stopped meanwhile, leaves nothing running. */
  async start(readyTimeoutMs = this.readyTimeoutMs): Promise<void> {
    this.stopRequested = false;
    this.readyAt = 0;
    await this.beforeSpawn();
    if (this.stopRequested) throw new Error(`${this.name} was stopped while starting`);
    const addr = this.listenAddress();
    if (addr && !(await isPortFree(addr.port, addr.host))) {
      const move = addr.env ? `, or set ${addr.env} to another port` : '';
      throw new Error(`${this.name} cannot start: ${describePortTaken(addr.port, addr.host)}. Stop that process${move}`);
    }
    fs.mkdirSync(path.dirname(this.logFile), { recursive: true });
    const logOffset = fs.existsSync(this.logFile) ? fs.statSync(this.logFile).size : 0;
    const out = fs.openSync(this.logFile, 'a');
    let child: ChildProcess;
    try {
      child = this.spawnChild(out);
    } finally {
      fs.closeSync(out);
    }
    this.child = child;
    const pid = child.pid;
    const guard = pid ? childGuard() : undefined;
    if (pid) guard?.watch(pid, this.stage, this.stopSignal);
    this.exited = new Promise((resolve) => {
      const ended = (code: number | null, signal: NodeJS.Signals | null) => {
        if (pid) guard?.release(pid);
        resolve();
        if (child === this.child) this.exitedOnItsOwn(code, signal);
      };
      child.once('exit', ended);
      // A binary that cannot be spawned (ENOENT) emits 'error', and no 'exit'. (Listening also keeps any
      // later 'error', a failed kill say, from being thrown.)
      child.on('error', () => (child.pid ? undefined : ended(null, null)));
    });
    try {
      await this.waitReady(readyTimeoutMs, logOffset);
      await this.afterReady();
    } catch (err) {
      if (this.running) this.killGroup('SIGKILL'); // started but never ready
      await this.exited;
      throw err;
    }
    this.readyAt = Date.now();
  }

  /**
   * From now on an exit nobody asked for is logged and the process started again: after 1 s, doubling up
   * to 30 s while it keeps failing, back to 1 s once it has run for a minute.
   */
  keepAlive(log: (line: string) => void): void {
    this.restartLog = log;
  }

  /** No more restarts (the launcher is stopping everything); a pending one is cancelled. */
  noMoreRestarts(): void {
    this.restartLog = undefined;
    clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
  }

  /** Asks it to stop (SIGTERM; PostgreSQL SIGINT) and waits; SIGKILL after `timeoutMs`. Or SIGKILL at once (a crash). */
  async stop(signal: NodeJS.Signals = this.stopSignal, timeoutMs = 15000): Promise<void> {
    this.stopRequested = true;
    clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    if (!this.child || !this.running) return;
    this.child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const done = await Promise.race([this.exited, new Promise((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)))]);
    clearTimeout(timer); // a pending timer would keep the caller's process (jest) alive
    if (done === 'timeout') {
      this.killGroup('SIGKILL');
      await this.exited;
    }
  }

  /** For process exit handlers: signal without waiting (not a crash: nothing restarts it). */
  killNow(signal: NodeJS.Signals = 'SIGKILL'): void {
    this.stopRequested = true;
    this.noMoreRestarts();
    if (this.running) this.killGroup(signal);
  }

  /** Its graceful stop signal, without waiting (exit handlers: a database is better stopped than killed). */
  askToStopNow(): void {
    this.killNow(this.stopSignal);
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  private killGroup(signal: NodeJS.Signals): void {
    const pid = this.child?.pid;
    if (!pid) return;
    try {
      process.kill(-pid, signal); // the whole group: PostgreSQL's backends too
    } catch {
      this.child?.kill(signal);
    }
  }

  private exitedOnItsOwn(code: number | null, signal: NodeJS.Signals | null): void {
    // Not a crash: asked to stop, or it died while starting (start() reports that to its caller).
    if (this.stopRequested || !this.restartLog || this.readyAt === 0) return;
    this.scheduleRestart(`exited on its own (${signal ?? `code ${code}`})`, Date.now() - this.readyAt);
  }

  private scheduleRestart(why: string, upForMs?: number): void {
    const log = this.restartLog;
    if (!log) return;
    const delayMs = this.backoff.next(upForMs);
    log(`${this.name} ${why}; restarting it in ${delayMs / 1000} s. Its log: ${this.logFile}`);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (this.stopRequested || !this.restartLog) return;
      this.start().then(
        () => this.restartLog?.(`${this.name} restarted and ready: ${this.describe()}`),
        (err: Error) => {
          if (!this.stopRequested) this.scheduleRestart(`could not restart (${restartFailure(err)})`);
        },
      );
    }, delayMs);
  }

  /** The probe's answer came from this child (it holds the listening socket), as far as this system shows. */
  private answeredItself(): boolean {
    const addr = this.listenAddress();
    const pid = this.child?.pid;
    return !addr || !pid || listensOn(pid, addr.port) !== false;
  }

  private async waitReady(timeoutMs: number, logOffset: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) {
        const how = this.child?.signalCode ?? (this.child?.exitCode !== null && this.child?.exitCode !== undefined ? `code ${this.child.exitCode}` : 'could not be spawned');
        throw new Error(`${this.name} exited during start (${how}); its log: ${this.logFile}\n${whyItFailed(this.logFile, logOffset)}`);
      }
      const ready = await this.probeReady().catch((err: unknown) => {
        if (err instanceof CannotStartError) throw err; // no point waiting: it will not come up
        return false;
      });
      if (ready && this.answeredItself()) return;
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error(`${this.name} not ready after ${timeoutMs} ms; its log: ${this.logFile}\n${whyItFailed(this.logFile, logOffset)}`);
  }
}

/** A probe's finding that the process will never become ready as it is (a broken data directory, say). */
export class CannotStartError extends Error {}

/**
 * A failed restart in one line for the 'could not restart (…)' line, which names the log itself: the
 * error's first line without its own '; its log: …', and the reason from that log when there is one.
 */
function restartFailure(err: Error): string {
  const [first, reason] = err.message.split('\n');
  const what = first.replace(/; its log: .*$/, '');
  return reason && reason !== '(no log)' && reason !== '(its log is empty)' ? `${what}: ${reason}` : what;
}

/**
 * Why a start failed, from what that start wrote to the log (logs are appended across starts): a
 * service's own fatal line ('service failed to start'), else the lines that are not JSON (an env
 * validation message, nats-server's or PostgreSQL's output), else the last lines as they are.
 */
export function whyItFailed(logFile: string, fromOffset = 0, maxLines = 20): string {
  let text: string;
  try {
    const fd = fs.openSync(logFile, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const start = Math.max(fromOffset, size - 64 * 1024);
      const buf = Buffer.alloc(Math.max(0, size - start));
      fs.readSync(fd, buf, 0, buf.length, start);
      text = buf.toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return '(no log)';
  }
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const fatal = lines
    .map((l) => parseJson(l))
    .filter((j): j is Record<string, unknown> => j?.msg === 'service failed to start' && typeof j.error === 'string')
    .pop();
  if (fatal) return String(fatal.error);
  const plain = lines.filter((l) => parseJson(l) === undefined);
  return (plain.length ? plain : lines).slice(-maxLines).join('\n') || '(its log is empty)';
}

function parseJson(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const v: unknown = JSON.parse(line);
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
