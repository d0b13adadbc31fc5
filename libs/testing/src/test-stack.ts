import * as path from 'path';
import { LocalStack, StackServiceName } from '@limye/local-stack';
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

/**
 * Every service as its own process (compiled code from dist/: `npm test` builds first) on free ports,
 * against the test PostgreSQL and NATS.
 */
export async function startTestStack(opts: { env?: Record<string, string>; services?: readonly StackServiceName[] } = {}): Promise<LocalStack> {
  const infra = testInfra();
  const stack = new LocalStack({
    dataDir: path.join(infra.dir, `stack-${process.pid}-${Date.now()}`),
    distDir: path.resolve(__dirname, '../../../dist'),
    natsUrl: infra.natsUrl,
    databaseUrl: infra.databaseUrl,
    portMode: 'free',
    env: { ...FAST_TEST_ENV, ...(opts.env ?? {}) },
    services: opts.services,
  });
  await stack.startInfrastructure(); // takes the test NATS and PostgreSQL given above
  await stack.startServices();
  return stack;
}
