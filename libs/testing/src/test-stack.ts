import * as path from 'path';
import { LocalStack, StackServiceName } from '@limye/local-stack';
import { testAuthEnv, testIssuerEnv } from './test-auth';
import { testInfra } from './test-env';

/** Fast retry and polling settings so fault tests finish in seconds, not minutes. */
export const FAST_TEST_ENV: Record<string, string> = {
  LOG_LEVEL: 'warn',
  PAYMENT_WORKER_POLL_MS: '100',
  PAYMENT_RETRY_BASE_MS: '200',
  PAYMENT_RETRY_MAX_MS: '1000',
  DELIVERY_RETRY_BASE_MS: '200',
  DELIVERY_RETRY_MAX_MS: '1000',
  DELIVERY_POLL_MS: '100',
  VENDOR_TIMEOUT_MS: '2000',
  NATS_REQUEST_TIMEOUT_MS: '3000',
  MONCASH_RECONCILE_INTERVAL_MS: '1000',
};

export interface TestStackOptions {
  env?: Record<string, string>;
  services?: readonly StackServiceName[];
  /**
   * Its own nats-server and PostgreSQL (free ports, in its own folder of the test directory) instead of
   * the shared test ones: for tests that kill or stop them.
   */
  ownInfrastructure?: boolean;
  /** Restart what exits on its own, as npm start does (tests that check that). */
  restartCrashed?: boolean;
  /** The launcher's lines (crash and restart notices). */
  log?: (line: string) => void;
}

/**
 * Every service as its own process (compiled code from dist/: `npm test` builds first) on free ports,
 * against the test PostgreSQL and NATS (or, with ownInfrastructure, its own).
 */
export async function startTestStack(opts: TestStackOptions = {}): Promise<LocalStack> {
  const infra = testInfra();
  const stack = new LocalStack({
    dataDir: path.join(infra.dir, `stack-${process.pid}-${Date.now()}`),
    distDir: path.resolve(__dirname, '../../../dist'),
    natsUrl: opts.ownInfrastructure ? undefined : infra.natsUrl,
    databaseUrl: opts.ownInfrastructure ? undefined : infra.databaseUrl,
    portMode: 'free',
    env: { ...FAST_TEST_ENV, ...testAuthEnv(), ...(opts.env ?? {}) },
    // The issuer signs with the run's key too, so its tokens and testToken()'s are trusted alike.
    serviceEnv: { 'customer-registry': testIssuerEnv() },
    services: opts.services,
    restartCrashed: opts.restartCrashed,
    log: opts.log,
  });
  try {
    await stack.startInfrastructure(); // takes the test NATS and PostgreSQL given above, or starts its own
    await stack.startServices();
  } catch (err) {
    await stack.stop(); // nothing of a stack that failed to start is left running
    throw err;
  }
  return stack;
}
