import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DataDirInUseError } from './data-dir-lock';
import { LocalStack, SERVICE_NAMES, SERVICE_PORTS, StackStoppingError } from './stack';

/**
 * A dist/ folder of stand-in services: each answers /health/ready on its port (from its *_PORT variable)
 * and, asked to stop, takes `stopDelayMs` to exit, as a real service finishing its work does.
 */
function fakeDist(opts: { stopDelayMs?: number; listenDelayMs?: number } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'limye-stack-'));
  for (const name of SERVICE_NAMES) {
    const main = path.join(dir, 'dist', 'apps', name, 'src', 'main.js');
    fs.mkdirSync(path.dirname(main), { recursive: true });
    fs.writeFileSync(
      main,
      `const server = require('http').createServer((req, res) => res.end('ok'));
       setTimeout(() => server.listen(Number(process.env.${SERVICE_PORTS[name].env}), '127.0.0.1'), ${opts.listenDelayMs ?? 0});
       process.on('SIGTERM', () => setTimeout(() => process.exit(0), ${opts.stopDelayMs ?? 0}));`,
    );
  }
  const lines: string[] = [];
  const newStack = (log: (l: string) => void) =>
    new LocalStack({
      dataDir: path.join(dir, 'data'),
      distDir: path.join(dir, 'dist'),
      // Given, so no nats-server or PostgreSQL is started; the stand-ins do not use them.
      natsUrl: 'nats://127.0.0.1:1',
      databaseUrl: 'postgres://nobody@127.0.0.1:1/none',
      portMode: 'free',
      restartCrashed: true,
      log,
    });
  const stack = newStack((l) => lines.push(l));
  return { stack, lines, newStack, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

// Real child processes (six fake services): slower than a unit test's 5 s on a busy machine.
jest.setTimeout(30000);

describe('LocalStack.stop (the launcher owns shutdown)', () => {
  it('stops the services callers first and restarts none of them, even one that exits on its own meanwhile', async () => {
    const { stack, lines, cleanup } = fakeDist({ stopDelayMs: 300 });
    try {
      await stack.startInfrastructure();
      await stack.startServices();
      const stopping = stack.stop();
      // While eligibility is still stopping, the sandbox dies by itself (as a Ctrl-C to the group did).
      process.kill(stack.service('sandbox').pid as number, 'SIGKILL');
      await stopping;
      await new Promise((r) => setTimeout(r, 1300)); // longer than the first restart's wait
      expect(lines.filter((l) => !l.startsWith('starting '))).toEqual([
        'stopped eligibility',
        'stopped payment-intake',
        'stopped meter-adapter',
        'stopped debt-ledger',
        'stopped customer-registry',
      ]);
      expect(SERVICE_NAMES.filter((n) => stack.service(n).running)).toEqual([]);
    } finally {
      await stack.stop();
      cleanup();
    }
  });

  it('a stop while starting (Ctrl-C during npm start) ends the start with StackStoppingError and leaves nothing running', async () => {
    const { stack, lines, cleanup } = fakeDist({ listenDelayMs: 400 });
    try {
      await stack.startInfrastructure();
      const starting = stack.startServices().then(
        () => 'started',
        (err: unknown) => err,
      );
      while (!lines.some((l) => l.startsWith('starting customer-registry'))) await new Promise((r) => setTimeout(r, 20));
      await stack.stop();
      expect(await starting).toBeInstanceOf(StackStoppingError);
      expect(SERVICE_NAMES.filter((n) => stack.service(n).running)).toEqual([]);
      expect(lines.filter((l) => l.startsWith('starting '))).toHaveLength(2); // sandbox, customer-registry: no further start
    } finally {
      await stack.stop();
      cleanup();
    }
  });
});

describe('LocalStack services\' environment', () => {
  it('MONCASH_ALERT_URL and MONCASH_RETURN_URL from the environment win over the computed defaults, as the other outside-system URLs do', async () => {
    const { stack, cleanup } = fakeDist();
    process.env.MONCASH_ALERT_URL = 'https://limye.example/v1/providers/moncash/alert';
    try {
      await stack.startInfrastructure();
      await stack.startServices();
      const env = stack.service('payment-intake').spec.env;
      expect(env.MONCASH_ALERT_URL).toBe('https://limye.example/v1/providers/moncash/alert');
      expect(env.MONCASH_RETURN_URL).toBe(`${stack.url('payment-intake')}/v1/providers/moncash/return`);
    } finally {
      delete process.env.MONCASH_ALERT_URL;
      await stack.stop();
      cleanup();
    }
  });
});

describe('LocalStack on a data folder another stack runs on (two npm start in one clone)', () => {
  it('the second refuses at once, naming the first one\'s pid, and starts nothing; once the first has stopped it can start', async () => {
    const { stack, newStack, cleanup } = fakeDist();
    const secondLines: string[] = [];
    const second = newStack((l) => secondLines.push(l));
    const third = newStack(() => undefined);
    try {
      await stack.startInfrastructure();
      await stack.startServices();
      const err = await second.startInfrastructure().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(DataDirInUseError);
      expect((err as Error).message).toMatch(new RegExp(`^another Limye launcher \\(npm start, pid ${process.pid}\\) is running on `));
      await second.stop(); // what the launcher does after a failed start: must not free the first one's folder
      expect(secondLines).toEqual([]);
      expect(SERVICE_NAMES.filter((n) => stack.service(n).running)).toEqual([...SERVICE_NAMES]);

      await stack.stop();
      await third.startInfrastructure(); // the folder is free again
    } finally {
      await third.stop();
      await second.stop();
      await stack.stop();
      cleanup();
    }
  });
});
