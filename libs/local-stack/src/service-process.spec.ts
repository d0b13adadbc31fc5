import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { freePort } from './ports';
import { ServiceProcess } from './service-process';

/** A stand-in service: a real Node process answering /health/ready, so start, crash and restart are real. */
async function fakeService() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'limye-svc-'));
  const entry = path.join(dir, 'main.js');
  fs.writeFileSync(entry, `require('http').createServer((req, res) => res.end('ok')).listen(Number(process.env.PORT), '127.0.0.1');`);
  const port = await freePort();
  const lines: string[] = [];
  const svc = new ServiceProcess({ name: 'fake', entry, port, env: { PORT: String(port) } }, path.join(dir, 'fake.log'));
  return { svc, lines, log: (l: string) => lines.push(l), cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

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
});
