import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import { CustomStrategy } from '@nestjs/microservices';
import { AuthenticationGuard } from '../auth/authentication.guard';
import { TokenVerifier, tokenVerifierOptions } from '../auth/token-verifier';
import { BaseServiceEnv, ConfigError, loadEnv } from '../config/env';
import { correlationMiddleware } from '../correlation/correlation.middleware';
import { buildDataSourceOptions, ServiceDatabaseSpec, withSchemaOverride } from '../database/data-source';
import { runMigrationsWithLock } from '../database/migrate';
import { AllExceptionsFilter } from '../errors/all-exceptions.filter';
import { createValidationPipe } from '../errors/validation';
import { BodyTypeRule } from '../http/body-media-type';
import { BodyReader, installBodyParsing } from '../http/body-parsing';
import { FastJsonRoute, installFastJsonRoutes } from '../http/fast-json-routes';
import { JsonLogger } from '../logging/json-logger';
import { httpMetricsMiddleware, initMetrics } from '../metrics/metrics';
import { LimyeServerNats } from '../nats/limye-server-nats';
import { ApiDocsInfo, setupApiDocs } from '../openapi/api-docs';

export interface ServiceDefinition<E extends BaseServiceEnv> {
  name: string;
  envClass: new () => E;
  port: (env: E) => number;
  rootModule: (env: E) => Type<unknown> | DynamicModule;
  /** Its schema and migrations; omitted only by the sandbox, which keeps no database. */
  database?: ServiceDatabaseSpec;
  /** Serve NATS requests (queue group = name). Default true. */
  nats?: boolean;
  /**
   * Routes that read their request body themselves, mounted before the platform's JSON/form parsers
   * (which then skip them): e.g. USSD gateways, which must get a screen even for a malformed body.
   */
  bodyReaders?: BodyReader[];
  /**
   * Routes whose POST/PUT/PATCH bodies may be other than JSON (vendor callbacks that post forms or
   * anything), by path prefix. Every other such body must be application/json, else 415.
   */
  bodyTypes?: BodyTypeRule[];
  /** Title and description of its OpenAPI document (GET /openapi.json, GET /docs); the rest is read from its code. */
  apiDocs?: ApiDocsInfo;
  /** A few hot JSON POST routes answered ahead of Express and Nest (http/fast-json-routes.ts), built from the app's providers. */
  fastRoutes?: (app: INestApplication) => FastJsonRoute[];
}

/**
 * Starts a Limye service: validated env → migrations under an advisory lock → hybrid HTTP + NATS app
 * with JSON logs, correlation ids, validation, one error filter, the authentication guard, metrics and graceful shutdown.
 * A bad env value stops the process with a message naming the variable (exit code 78, EX_CONFIG).
 */
export async function bootstrapService<E extends BaseServiceEnv>(
  def: ServiceDefinition<E>,
  opts: { envSource?: NodeJS.ProcessEnv; inTest?: boolean } = {},
): Promise<INestApplication> {
  let env: E;
  try {
    env = loadEnv(def.envClass, opts.envSource ?? process.env);
  } catch (err) {
    if (err instanceof ConfigError && !opts.inTest) {
      process.stderr.write(`${def.name}: ${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
  const logger = new JsonLogger(def.name, env.LOG_LEVEL);
  if (!opts.inTest) process.on('unhandledRejection', (reason) => logger.error({ msg: 'unhandled rejection', reason: String(reason) }));
  try {
    initMetrics(def.name);
    // Built first: a root module that reads a file named by the env (a bad LOCATIONS_FILE, say) fails
    // here, before any migration runs or any connection is opened.
    const rootModule = def.rootModule(env);
    if (def.database) {
      const applied = await withRetry(() =>
        runMigrationsWithLock(buildDataSourceOptions(env.DATABASE_MIGRATIONS_URL || env.DATABASE_URL, withSchemaOverride(def.database as ServiceDatabaseSpec, env), { poolSize: 2 })),
      );
      logger.log({ msg: 'database ready', schema: env.DATABASE_SCHEMA || def.database.schema, appliedMigrations: applied });
    }
    // abortOnError: false — a provider that throws while the app is built (a bad file, a bad setting) must
    // reach the catch below and be logged, not end the process with Nest's process.abort().
    const app = await NestFactory.create(rootModule, { logger, bodyParser: false, abortOnError: false });
    // No ETag: express would hash (SHA-1) every JSON answer for a conditional GET no Limye client makes.
    app.getHttpAdapter().getInstance().set('etag', false);
    app.use(correlationMiddleware);
    app.use(httpMetricsMiddleware);
    installBodyParsing(app, { readers: def.bodyReaders, bodyTypes: def.bodyTypes });
    if (def.fastRoutes) installFastJsonRoutes(app, def.fastRoutes(app), logger);
    app.useGlobalPipes(createValidationPipe());
    app.useGlobalFilters(new AllExceptionsFilter(logger));
    // Every HTTP route needs a bearer token with one of its @RequireRoles, unless it is a @PublicRoute (docs/access.md).
    app.useGlobalGuards(new AuthenticationGuard(app.get(Reflector), new TokenVerifier(tokenVerifierOptions(env)), logger));
    const docsStart = performance.now();
    setupApiDocs(app, def.apiDocs ?? { title: def.name, description: '' }, def.bodyTypes);
    logger.log({ msg: 'OpenAPI document built', ms: Math.round(performance.now() - docsStart) });
    if (def.nats !== false) {
      // No global interceptor: NATS handlers get their correlation id from the server itself (LimyeServerNats).
      app.connectMicroservice<CustomStrategy>(
        {
          strategy: new LimyeServerNats({ servers: env.NATS_URL.split(','), queue: def.name, name: `${def.name}-server`, maxReconnectAttempts: -1, reconnectTimeWait: 500 }),
        },
        { inheritAppConfig: true },
      );
    }
    if (!opts.inTest) {
      // After closing, Nest re-sends the signal to itself, and a death by signal skips what --cpu-prof writes at
      // exit: a profiled service ends with process.exit(0) instead, so LIMYE_NODE_ARGS='--cpu-prof' gives profiles.
      app.enableShutdownHooks(undefined, { useProcessExit: isCpuProfiling() });
      installShutdownDeadline(env.SHUTDOWN_TIMEOUT_MS, logger);
    }
    await app.startAllMicroservices();
    const port = def.port(env);
    await app.listen(port, env.HOST);
    logger.log({ msg: 'service started', url: `http://${env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST}:${port}` });
    return app;
  } catch (err) {
    logger.fatal({ msg: 'service failed to start', error: (err as Error).message, stack: (err as Error).stack });
    logger.flush();
    if (opts.inTest) throw err;
    // The line above is the one report: the process ends, and main.ts's `void bootstrapService(…)` must
    // not see a rejection (it would be logged again as an 'unhandled rejection').
    setTimeout(() => process.exit(1), 100);
    return new Promise<never>(() => undefined);
  }
}

function isCpuProfiling(): boolean {
  return [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(' ')].some((a) => a.startsWith('--cpu-prof'));
}

/** Nest closes the app on SIGTERM/SIGINT; if that hangs, this ends the process anyway. */
function installShutdownDeadline(timeoutMs: number, logger: JsonLogger): void {
  const arm = (signal: string) => {
    logger.log({ msg: 'shutting down', signal });
    setTimeout(() => {
      logger.error({ msg: 'shutdown deadline passed, exiting' });
      process.exit(1);
    }, timeoutMs).unref();
  };
  process.once('SIGTERM', () => arm('SIGTERM'));
  process.once('SIGINT', () => arm('SIGINT'));
}

async function withRetry<T>(fn: () => Promise<T>, attempts = 15, delayMs = 1000): Promise<T> {
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      return await fn();
    } catch (err) {
      last = err;
      const msg = (err as Error).message ?? '';
      if (!/ECONNREFUSED|ENOTFOUND|starting up|timeout|Connection terminated/i.test(msg)) throw err;
      await new Promise((r) => setTimeout(r, delayMs));
    }
  }
  throw last;
}
