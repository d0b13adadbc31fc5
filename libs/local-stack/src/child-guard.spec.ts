import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { ChildGuard, GuardStage } from './child-guard';
import { eventually } from '@limye/testing';

/**
 * A detached child (own process group) that notes its name in `file` when signalled, then exits; once its
 * signal handlers are set it notes its name in `file`.ready, so a test waits for that instead of guessing.
 */
function child(name: string, file: string): ChildProcess {
  const code = `const fs = require('fs');
    for (const s of ['SIGTERM', 'SIGINT']) process.on(s, () => { fs.appendFileSync(${JSON.stringify(file)}, ${JSON.stringify(name)} + '\\n'); process.exit(0); });
    fs.appendFileSync(${JSON.stringify(`${file}.ready`)}, ${JSON.stringify(name)} + '\\n');
    setInterval(() => {}, 1e6);`;
  return spawn(process.execPath, ['-e', code], { detached: true, stdio: 'ignore' });
}

/** /proc/<pid>/stat after the parenthesised command name: state, ppid, process group, … */
const stat = (pid: number) => fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');

/** Running, and not a zombie (an orphan whose reaper has not collected it yet has exited all the same). */
const alive = (pid: number) => {
  try {
    return stat(pid)[0] !== 'Z';
  } catch {
    return false;
  }
};

const processGroup = (pid: number) => Number(stat(pid)[2]);

/** Polls a synchronous condition every 50 ms (the platform's `eventually`, for plain checks). */
const until = (check: () => boolean, timeoutMs: number): Promise<true> => eventually(async () => check() || undefined, timeoutMs, 50);

// Real child processes: slower than a unit test's 5 s on a busy machine.
jest.setTimeout(30000);

describe('ChildGuard (no child outlives the launcher)', () => {
  let dir: string;
  const started: ChildProcess[] = [];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'limye-guard-'));
  });
  afterEach(() => {
    for (const c of started.splice(0)) if (c.pid && alive(c.pid)) process.kill(c.pid, 'SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const spawnChild = (name: string) => {
    const c = child(name, path.join(dir, 'stopped'));
    started.push(c);
    return c;
  };
  /** Every child started so far has set its signal handlers. */
  const ready = () =>
    until(() => {
      const file = path.join(dir, 'stopped.ready');
      return fs.existsSync(file) && fs.readFileSync(file, 'utf8').trim().split('\n').length >= started.length;
    }, 15000);

  it('when its pipe closes (the launcher is gone) it stops the services, then NATS, then PostgreSQL; a released child is left alone', async () => {
    const guard = new ChildGuard();
    const pg = spawnChild('postgres');
    const nats = spawnChild('nats');
    const svc = spawnChild('service');
    const released = spawnChild('released');
    await ready();
    guard.watch(pg.pid as number, GuardStage.postgres, 'SIGINT');
    guard.watch(nats.pid as number, GuardStage.nats, 'SIGTERM');
    guard.watch(svc.pid as number, GuardStage.service, 'SIGTERM');
    guard.watch(released.pid as number, GuardStage.service, 'SIGTERM');
    guard.release(released.pid as number);

    guard.closePipe();
    await until(() => ![pg, nats, svc].some((c) => alive(c.pid as number)), 15000);
    expect(fs.readFileSync(path.join(dir, 'stopped'), 'utf8').trim().split('\n')).toEqual(['service', 'nats', 'postgres']);
    await until(() => !alive(guard.pid as number), 5000);
    expect(alive(released.pid as number)).toBe(true);
  });

  it('ends by itself once the last child it watched is released', async () => {
    const guard = new ChildGuard();
    const svc = spawnChild('service');
    guard.watch(svc.pid as number, GuardStage.service, 'SIGTERM');
    expect(guard.closed).toBe(false);
    guard.release(svc.pid as number);
    expect(guard.closed).toBe(true);
    await until(() => !alive(guard.pid as number), 5000);
    expect(alive(svc.pid as number)).toBe(true);
  });

  it('a launcher killed with SIGKILL: its children, each in its own process group, are stopped by its guard', async () => {
    // The launcher is a real separate process using the real module (child-guard.ts compiled here).
    const source = fs.readFileSync(path.join(__dirname, 'child-guard.ts'), 'utf8');
    const compiled = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
    fs.writeFileSync(path.join(dir, 'child-guard.js'), compiled.outputText);
    const launcherCode = `const { spawn } = require('child_process');
      const { childGuard, GuardStage } = require(${JSON.stringify(path.join(dir, 'child-guard.js'))});
      const svc = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e6)'], { detached: true, stdio: 'ignore' });
      childGuard().watch(svc.pid, GuardStage.service, 'SIGTERM');
      // Started after the guard and not detached: it must not hold the guard's pipe open.
      const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e6)'], { stdio: 'ignore' });
      console.log(JSON.stringify({ svc: svc.pid, other: other.pid }));
      setInterval(() => {}, 1e6);`;
    const launcher = spawn(process.execPath, ['-e', launcherCode], { stdio: ['ignore', 'pipe', 'inherit'] });
    started.push(launcher);
    const pids = await new Promise<{ svc: number; other: number }>((resolve) => launcher.stdout?.once('data', (d: Buffer) => resolve(JSON.parse(d.toString()))));
    started.push({ pid: pids.svc } as ChildProcess, { pid: pids.other } as ChildProcess);
    expect(processGroup(pids.svc)).toBe(pids.svc);
    expect(processGroup(pids.svc)).not.toBe(processGroup(launcher.pid as number));

    process.kill(launcher.pid as number, 'SIGKILL');
    await until(() => !alive(pids.svc), 15000);
    expect(alive(pids.other)).toBe(true); // not watched (and proof that the pipe closed while it lives)
  });
});
