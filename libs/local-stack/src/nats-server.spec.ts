import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { NatsServer } from './nats-server';
import { processStartTime } from './process-record';

// Real nats-server processes: slower than a unit test's 5 s on a busy machine.
jest.setTimeout(30000);

describe('NatsServer and a nats-server already running on its store', () => {
  let dir: string;
  const started: NatsServer[] = [];
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'limye-nats-'))));
  afterEach(async () => {
    for (const n of started.splice(0)) await n.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const nats = (lines: string[] = []) => {
    const n = new NatsServer({ storeDir: path.join(dir, 'nats'), logFile: path.join(dir, 'nats.log'), log: (l) => lines.push(l) });
    started.push(n);
    return n;
  };
  const failure = (p: Promise<unknown>) => p.then(() => new Error('started'), (e: Error) => e);

  it("is left alone while the launcher that started it is alive (a second npm start): the start fails naming that launcher", async () => {
    const first = nats();
    await first.start();
    // The first server's launcher is another live process (here a stand-in).
    const launcher = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      const pid = launcher.pid as number;
      fs.writeFileSync(path.join(dir, 'nats', 'launcher.pid'), JSON.stringify({ pid, startTime: processStartTime(pid) }));
      const lines: string[] = [];
      const err = await failure(nats(lines).start());
      expect(err.message).toBe(
        `the nats-server on ${path.join(dir, 'nats')} (pid ${first.pid}) belongs to another Limye launcher that is still running (pid ${pid}): stop that one first (Ctrl-C in its terminal, or kill ${pid})`,
      );
      expect(first.running).toBe(true);
      expect(lines).toEqual([]);
    } finally {
      launcher.kill('SIGKILL');
    }
  });

  it('is left alone when no launcher recorded it (started by hand)', async () => {
    const first = nats();
    await first.start();
    fs.rmSync(path.join(dir, 'nats', 'launcher.pid'));
    const err = await failure(nats().start());
    expect(err.message).toBe(`a nats-server not started by a Limye launcher (pid ${first.pid}) runs on ${path.join(dir, 'nats')}: stop it first (kill ${first.pid})`);
    expect(first.running).toBe(true);
  });

  it('is stopped as a leftover when the launcher that started it is gone (kill -9), and ours takes the store', async () => {
    const first = nats();
    await first.start();
    const firstPid = first.pid;
    fs.writeFileSync(path.join(dir, 'nats', 'launcher.pid'), JSON.stringify({ pid: process.pid, startTime: '1' })); // a dead launcher whose pid was reused
    const lines: string[] = [];
    const second = nats(lines);
    await second.start();
    expect(lines).toContain(`stopping a nats-server left running from an earlier start (pid ${firstPid})`);
    expect(first.running).toBe(false);
    expect(second.running).toBe(true);
  });
});
