import { ChildProcess, spawn } from 'child_process';

/**
 * Which children the guard stops first when the launcher is gone: the services (callers of the rest),
 * then NATS, then PostgreSQL — the order of a normal stop.
 */
export const GuardStage = { service: 0, nats: 1, postgres: 2 } as const;
export type GuardStage = (typeof GuardStage)[keyof typeof GuardStage];

/** How long the guard waits for one stage to exit after its signal before it sends SIGKILL. */
const GUARD_GRACE_MS = 10_000;

/**
 * The guard's own code (plain JavaScript, run with `node -e`). It reads `watch <pid> <signal> <stage>` and
 * `release <pid>` lines on stdin; when stdin ends — its only writer, the launcher, is gone, however it
 * died — it signals every process group still watched, stage by stage, SIGKILLs what is left after the
 * grace period, and exits.
 */
export const GUARD_SCRIPT = `
process.title = 'limye-child-guard';
const watched = new Map();
let pending = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  pending += chunk;
  let nl;
  while ((nl = pending.indexOf('\\n')) >= 0) {
    const [op, pid, signal, stage] = pending.slice(0, nl).split(' ');
    pending = pending.slice(nl + 1);
    if (op === 'watch') watched.set(Number(pid), { signal, stage: Number(stage) });
    else if (op === 'release') watched.delete(Number(pid));
  }
});
const send = (pid, signal) => { try { process.kill(-pid, signal); } catch {} };
const alive = (pid) => { try { process.kill(-pid, 0); return true; } catch { return false; } };
process.stdin.on('end', async () => {
  const stages = [...new Set([...watched.values()].map((w) => w.stage))].sort((a, b) => a - b);
  for (const stage of stages) {
    const pids = [...watched].filter(([, w]) => w.stage === stage).map(([pid, w]) => (send(pid, w.signal), pid));
    const deadline = Date.now() + ${GUARD_GRACE_MS};
    while (pids.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    for (const pid of pids) if (alive(pid)) send(pid, 'SIGKILL');
  }
  process.exit(0);
});
`;

/**
 * Children of the launcher run in their own process group (spawned `detached`), so a terminal's Ctrl-C
 * reaches only the launcher, which stops them in order. The price: if the launcher dies without
 * stopping them (SIGKILL, out of memory, a crash), nothing else would. The guard is a small process,
 * itself detached, whose stdin is a pipe from the launcher: the kernel closes that pipe whenever the
 * launcher ends, and the guard then stops every child still registered (see GUARD_SCRIPT).
 */
export class ChildGuard {
  private readonly guard: ChildProcess;
  private readonly watched = new Set<number>();

  constructor() {
    this.guard = spawn(process.execPath, ['-e', GUARD_SCRIPT], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
    this.guard.stdin?.on('error', () => undefined); // a guard killed by hand: the children are simply unguarded
    // Neither the guard nor its pipe keeps this process alive.
    this.guard.unref();
    (this.guard.stdin as unknown as { unref?: () => void })?.unref?.();
  }

  get pid(): number | undefined {
    return this.guard.pid;
  }

  /** Ended: nothing left to watch (a new child gets a new guard). */
  get closed(): boolean {
    return !this.guard.stdin?.writable;
  }

  /** From now on the process group `pid` is stopped with `signal` if we die first. */
  watch(pid: number, stage: GuardStage, signal: NodeJS.Signals): void {
    this.watched.add(pid);
    this.guard.stdin?.write(`watch ${pid} ${signal} ${stage}\n`);
  }

  /** The child has exited (its pid may be reused): forget it. The last one ends the guard. */
  release(pid: number): void {
    if (!this.watched.delete(pid)) return;
    this.guard.stdin?.write(`release ${pid}\n`);
    if (this.watched.size === 0) this.guard.stdin?.end();
  }

  /** What the kernel does when we die; for tests. */
  closePipe(): void {
    this.guard.stdin?.end();
  }
}

let shared: ChildGuard | undefined;

/**
 * The guard of this process's children, started with the first child that needs one; it ends when the
 * last of them is released (so tests that start and stop stacks leave no guard behind).
 */
export function childGuard(): ChildGuard {
  if (!shared || shared.closed) shared = new ChildGuard();
  return shared;
}
