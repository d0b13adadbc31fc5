import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { listensOn, portHolder } from './port-holder';
import { freePort } from './ports';
import { ServiceProcess } from './service-process';
import { eventually } from '@limye/testing';

/**
 * A stand-in service: a real Node process answering /health/ready, so start, crash and restart are real.
 * While the file `broken` exists beside it, it prints why and exits with code 3 instead.
 */
async function fakeService() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'limye-svc-'));
  const entry = path.join(dir, 'main.js');
  const broken = path.join(dir, 'broken');
  fs.writeFileSync(
    entry,
    `if (require('fs').existsSync(${JSON.stringify(broken)})) { console.error('fake: cannot start, broken'); process.exit(3); }
     require('http').createServer((req, res) => res.end('ok')).listen(Number(process.env.PORT), '127.0.0.1');`,
  );
  const port = await freePort();
  const lines: string[] = [];
  const svc = new ServiceProcess({ name: 'fake', entry, port, env: { PORT: String(port) } }, path.join(dir, 'fake.log'));
  return {
    svc,
    lines,
    log: (l: string) => lines.push(l),
    setBroken: (on: boolean) => (on ? fs.writeFileSync(broken, '') : fs.rmSync(broken, { force: true })),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** The process group of `pid`, from /proc (field 5, after the parenthesised command name). */
const processGroup = (pid: number) => Number(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[2]);

/** Polls a synchronous condition every 50 ms (the platform's `eventually`, for plain checks). */
const until = (check: () => boolean, timeoutMs: number): Promise<true> => eventually(async () => check() || undefined, timeoutMs, 50);

// Real child processes: slower than a unit test's 5 s on a busy machine.
jest.setTimeout(30000);

describe('ServiceProcess.keepAlive (npm start restarts a crashed service)', () => {
  it('a service killed from outside is logged and started again; one stopped on purpose is not', async () => {
    const { svc, lines, log, cleanup } = await fakeService();
    try {
      await svc.start();
      svc.keepAlive(log);
      const first = svc.pid as number;
      process.kill(first, 'SIGKILL');
      await until(() => svc.running && svc.pid !== first && lines.some((l) => l.includes('restarted and ready')), 10_000);
      expect(lines[0]).toMatch(/^fake exited on its own \(SIGKILL\); restarting it in 1 s\. Its log: .*fake\.log$/);
      expect((await fetch(`${svc.url}/health/ready`)).status).toBe(200);

      await svc.stop();
      const count = lines.length;
      await new Promise((r) => setTimeout(r, 1500));
      expect(svc.running).toBe(false);
      expect(lines).toHaveLength(count);
    } finally {
      await svc.stop();
      cleanup();
    }
  });

  it('without keepAlive (tests), a crash is left as it is', async () => {
    const { svc, lines, cleanup } = await fakeService();
    try {
      await svc.start();
      process.kill(svc.pid as number, 'SIGKILL');
      await until(() => !svc.running, 5000);
      await new Promise((r) => setTimeout(r, 1500));
      expect(svc.running).toBe(false);
      expect(lines).toEqual([]);
    } finally {
      await svc.stop();
      cleanup();
    }
  });

  it('a restart that fails is tried again after a longer wait, until it comes up', async () => {
    const { svc, lines, log, setBroken, cleanup } = await fakeService();
    try {
      await svc.start();
      svc.keepAlive(log);
      setBroken(true);
      process.kill(svc.pid as number, 'SIGKILL');
      await until(() => lines.some((l) => l.includes('could not restart')), 10_000);
      setBroken(false);
      await until(() => lines.some((l) => l.includes('restarted and ready')), 15_000);
      expect(lines[0]).toMatch(/^fake exited on its own \(SIGKILL\); restarting it in 1 s\./);
      // The log is named once, at the end; the reason from it is in the parentheses.
      expect(lines[1]).toMatch(/^fake could not restart \(fake exited during start \(code 3\): fake: cannot start, broken\); restarting it in 2 s\. Its log: [^;]*fake\.log$/);
      expect(svc.running).toBe(true);
    } finally {
      await svc.stop();
      cleanup();
    }
  });

  it('after noMoreRestarts (the launcher is stopping everything) an exit is left alone, and a pending restart is cancelled', async () => {
    const { svc, lines, log, cleanup } = await fakeService();
    try {
      await svc.start();
      svc.keepAlive(log);
      process.kill(svc.pid as number, 'SIGKILL');
      await until(() => lines.length === 1, 5000); // 'restarting it in 1 s'
      svc.noMoreRestarts();
      await new Promise((r) => setTimeout(r, 1500));
      expect(svc.running).toBe(false);
      expect(lines).toHaveLength(1);
    } finally {
      await svc.stop();
      cleanup();
    }
  });
});

describe('ServiceProcess start', () => {
  it('runs the service in its own process group, so a terminal\'s Ctrl-C reaches only the launcher', async () => {
    const { svc, cleanup } = await fakeService();
    try {
      await svc.start();
      const pid = svc.pid as number;
      expect(processGroup(pid)).toBe(pid);
      expect(processGroup(pid)).not.toBe(processGroup(process.pid));
    } finally {
      await svc.stop();
      cleanup();
    }
  });

  it('a start that fails says why from what this start wrote (not from older runs in the same log) and leaves nothing running', async () => {
    const { svc, setBroken, cleanup } = await fakeService();
    try {
      fs.writeFileSync(svc.logFile, '{"level":"error","msg":"unhandled rejection","reason":"an old run"}\n');
      setBroken(true);
      const err: Error = await svc.start().then(
        () => new Error('started'),
        (e: Error) => e,
      );
      expect(err.message).toMatch(/^fake exited during start \(code 3\); its log: .*fake\.log\nfake: cannot start, broken$/);
      expect(svc.running).toBe(false);
    } finally {
      await svc.stop();
      cleanup();
    }
  });
});

describe('ServiceProcess on a port another process holds (a second clone, a stray server)', () => {
  it('fails its start at once naming the port, who holds it and the variable that moves it; nothing answering 200 there makes it ready', async () => {
    const { svc, cleanup } = await fakeService();
    const squatter = http.createServer((req, res) => res.end('{"status":"ok"}'));
    await new Promise<void>((r) => squatter.listen(svc.spec.port, '127.0.0.1', () => r()));
    try {
      const err: Error = await svc.start().then(
        () => new Error('started'),
        (e: Error) => e,
      );
      expect(err.message).toMatch(new RegExp(`^fake cannot start: port ${svc.spec.port} is taken by pid ${process.pid} \\(.*node.*\\)\\. Stop that process$`));
      expect(svc.running).toBe(false);
      expect(svc.pid).toBeUndefined(); // never spawned
    } finally {
      await new Promise((r) => squatter.close(r));
      await svc.stop();
      cleanup();
    }
  });
});

describe('listensOn (is it our child that answers on the port?)', () => {
  it('is true for the process holding the listening socket and false for another one', async () => {
    const { svc, cleanup } = await fakeService();
    try {
      await svc.start();
      expect(listensOn(svc.pid as number, svc.spec.port)).toBe(true);
      expect(listensOn(process.pid, svc.spec.port)).toBe(false);
      expect(portHolder(svc.spec.port)?.pid).toBe(svc.pid);
    } finally {
      await svc.stop();
      cleanup();
    }
  });
});
