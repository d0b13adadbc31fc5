import { DynamicModule, Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BaseServiceEnv } from './config/env';
import { buildDataSourceOptions, ServiceDatabaseSpec, withSchemaOverride } from './database/data-source';
import { HealthController } from './health/health.controller';
import { MetricsController } from './metrics/metrics';
import { JetStreamConnection } from './nats/jetstream.connection';
import { NatsRpcClient } from './nats/nats-rpc.client';
import { SERVICE_ENV, SERVICE_NAME } from './platform.tokens';
import { IntegrationSettingsClient } from './integrations/integration-settings.client';
import { SecretKeyring } from './secrets/secret-keyring';
import { RateLimiter } from './rate-limit/rate-limiter';

export interface PlatformOptions {
  service: string;
  env: BaseServiceEnv;
  database: ServiceDatabaseSpec;
}

/**
 * What every Limye service gets the same way: its env, its database (TypeORM, own schema), the NATS
 * request client, the JetStream connection, /health and /metrics.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(opts: PlatformOptions): DynamicModule {
    const { env, service } = opts;
    return {
      module: PlatformModule,
      imports: [
        TerminusModule.forRoot({ logger: false }),
        TypeOrmModule.forRoot(
          buildDataSourceOptions(env.DATABASE_URL, withSchemaOverride(opts.database, env), { poolSize: env.DATABASE_POOL_SIZE, idleTimeoutMs: env.DATABASE_POOL_IDLE_TIMEOUT_MS, applicationName: service }),
        ),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: SERVICE_ENV, useValue: env },
        { provide: SERVICE_NAME, useValue: service },
        RateLimiter,
        {
          provide: NatsRpcClient,
          useFactory: async () => {
            const client = new NatsRpcClient(env.NATS_URL, service, env.NATS_REQUEST_TIMEOUT_MS);
            await client.connect();
            return client;
          },
        },
        {
          provide: JetStreamConnection,
          useFactory: async () => {
            const js = new JetStreamConnection(env.NATS_URL, service, env.NATS_STREAM_REPLICAS);
            await js.connect();
            return js;
          },
        },
        SecretKeyring,
        IntegrationSettingsClient,
      ],
      exports: [SERVICE_ENV, SERVICE_NAME, NatsRpcClient, JetStreamConnection, TypeOrmModule, SecretKeyring, IntegrationSettingsClient, RateLimiter],
    };
  }
}
