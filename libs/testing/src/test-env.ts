import { randomBytes } from 'crypto';

export interface TestInfra {
  databaseUrl: string;
  natsUrl: string;
  dir: string;
}

/** The PostgreSQL and NATS that the test setup started (or that TEST_* point at). */
export function testInfra(): TestInfra {
  const databaseUrl = process.env.TEST_DATABASE_URL;
  const natsUrl = process.env.TEST_NATS_URL;
  if (!databaseUrl || !natsUrl) {
    throw new Error('TEST_DATABASE_URL / TEST_NATS_URL are not set: run integration tests through jest (its globalSetup starts them)');
  }
  return { databaseUrl, natsUrl, dir: process.env.LIMYE_TEST_DIR ?? '/tmp' };
}

/** A schema name no other test uses, so integration tests never see each other's rows. */
export function uniqueSchema(prefix: string): string {
  return `t_${prefix.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
}

/** Polls `fn` until it returns a truthy value (returned) or the timeout passes (throws its last error). */
export async function eventually<T>(fn: () => Promise<T | undefined | null | false>, timeoutMs = 20000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v) return v as T;
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`condition not met within ${timeoutMs} ms${lastError ? `: ${String(lastError)}` : ''}`);
}
