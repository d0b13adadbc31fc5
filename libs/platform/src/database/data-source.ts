import { toSafeInteger } from '@limye/contracts';
import { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';

export interface ServiceDatabaseSpec {
  /** Postgres schema owned by the service, e.g. "payment_intake". */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/ban-types
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/ban-types
  migrations: MixedList<Function | string>;
}

export function schemaFor(service: string): string {
  return service.replace(/-/g, '_');
}

/**
 * One service, one schema: its tables and its own migrations table live in it, and the connection's
 * search_path points at it so raw SQL needs no prefix. Never synchronize: migrations only.
 */
export function buildDataSourceOptions(
  url: string,
  spec: ServiceDatabaseSpec,
  opts: { poolSize?: number; applicationName?: string; idleTimeoutMs?: number } = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    schema: spec.schema,
    entities: spec.entities,
    migrations: spec.migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: {
      max: opts.poolSize ?? 10,
      application_name: opts.applicationName ?? spec.schema,
      options: `-c search_path=${spec.schema},public`,
      connectionTimeoutMillis: 5000,
      // 0: pooled connections stay open (see DATABASE_POOL_IDLE_TIMEOUT_MS); pg's default closes them after 10 s idle.
      idleTimeoutMillis: opts.idleTimeoutMs ?? 0,
    },
  };
}

/** The spec with DATABASE_SCHEMA applied when set. */
export function withSchemaOverride(spec: ServiceDatabaseSpec, env: { DATABASE_SCHEMA?: string }): ServiceDatabaseSpec {
  return env.DATABASE_SCHEMA ? { ...spec, schema: env.DATABASE_SCHEMA } : spec;
}

/**
 * TypeORM's raw query() answers UPDATE/DELETE … RETURNING with `[rows, rowCount]` but INSERT/SELECT
 * with `rows`; this returns the rows either way.
 */
export function returnedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}

/**
 * For bigint columns holding money or counts: Postgres hands bigint back as a string; this turns it
 * into a JS integer and fails loudly rather than round a value beyond 2^53.
 */
export const bigintColumn = {
  to: (value?: number | null) => value,
  from: (value?: string | null): number | null => (value === null || value === undefined ? null : toSafeInteger(value)),
};
