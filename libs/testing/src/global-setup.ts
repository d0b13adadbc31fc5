import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startEmbeddedPostgres, startNatsServer } from '../../local-stack/src';
import { testSigningJwk } from './test-signing-key';

/**
 * Jest globalSetup for integration and e2e tests: a real NATS (JetStream) and a real PostgreSQL on free
 * ports, unless TEST_NATS_URL / TEST_DATABASE_URL point at existing ones. Children inherit the URLs.
 */
export default async function globalSetup(): Promise<void> {
  // Several jest projects share one setup: the first one starts everything.
  if ((globalThis as { __limyeStop?: unknown }).__limyeStop) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'limye-test-'));
  fs.chmodSync(dir, 0o755); // the postgres user (when we are root) must reach its data below
  const stoppers: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    if (!process.env.TEST_NATS_URL) {
      const nats = await startNatsServer({ storeDir: path.join(dir, 'nats') });
      process.env.TEST_NATS_URL = nats.url;
      stoppers.push(() => nats.stop());
    }
    if (!process.env.TEST_DATABASE_URL) {
      const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'postgres'), database: 'limye_test', persistent: false });
      process.env.TEST_DATABASE_URL = pg.url;
      stoppers.push(() => pg.stop());
    }
  } catch (err) {
    await stopAll(); // jest runs no teardown after a failed setup: leave nothing running
    throw err;
  }
  process.env.LIMYE_TEST_DIR = dir;
  testSigningJwk(); // one signing key for the run: workers and the services they start inherit it (test-auth.ts)
  (globalThis as { __limyeStop?: () => Promise<void> }).__limyeStop = stopAll;
}
