import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'net';
import { randomBytes } from 'crypto';
import { Client } from 'pg';
import { BaseServiceEnv, bootstrapService, ServiceDefinition } from '@limye/platform';
import { SERVICE_PORTS } from '@limye/local-stack';
import { testAuthEnv, testIssuerEnv } from './test-auth';
import { testInfra, uniqueSchema } from './test-env';

/** One LIMYE_SECRETS_KEY for every service a test process starts, so what one seals another opens. */
const TEST_SECRETS_KEY = randomBytes(32).toString('base64');

export interface InProcessService {
  app: INestApplication;
  url: string;
  schema: string;
  close(): Promise<void>;
}

/**
 * Starts one service inside the test process exactly as main.ts does (migrations, HTTP, NATS), on the
 * test PostgreSQL (a throwaway schema) and NATS, on a free port. For integration tests of one service.
 */
export async function startServiceInProcess<E extends BaseServiceEnv>(
  def: ServiceDefinition<E>,
  env: Record<string, string> = {},
): Promise<InProcessService> {
  const infra = testInfra();
  const schema = uniqueSchema(def.database?.schema ?? def.name);
  const ports = Object.fromEntries(Object.values(SERVICE_PORTS).map((p) => [p.env, '0']));
  const app = await bootstrapService(def, {
    inTest: true,
    envSource: {
      DATABASE_URL: infra.databaseUrl,
      NATS_URL: infra.natsUrl,
      DATABASE_SCHEMA: schema,
      LOG_LEVEL: 'error', // tests provoke failures on purpose; their warnings are noise here
      HOST: '127.0.0.1',
      NODE_ENV: 'test',
      LIMYE_SECRETS_KEY: TEST_SECRETS_KEY,
      ...ports,
      ...testAuthEnv(), // trusts testToken()'s key
      ...testIssuerEnv(), // customer-registry's issuer signs with it (the other services do not read it)
      ...env,
    },
  });
  const port = (app.getHttpServer().address() as AddressInfo).port;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    schema,
    async close() {
      // Stop the service (and its workers) first, then throw its schema away.
      await app.close();
      const client = new Client({ connectionString: infra.databaseUrl });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
