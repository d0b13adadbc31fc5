import { DataSource, DataSourceOptions } from 'typeorm';

/**
 * Applies the service's committed migrations under a Postgres advisory lock, so replicas starting
 * together apply them once. Returns the names of the migrations it applied.
 */
export async function runMigrationsWithLock(options: DataSourceOptions): Promise<string[]> {
  const schema = (options as { schema?: string }).schema ?? 'public';
  const ds = new DataSource(options);
  await ds.initialize();
  const lock = ds.createQueryRunner();
  try {
    await lock.connect();
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', [`limye.migrations.${schema}`]);
    try {
      await lock.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      const applied = await ds.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await lock.query('SELECT pg_advisory_unlock(hashtext($1))', [`limye.migrations.${schema}`]);
    }
  } finally {
    await lock.release();
    await ds.destroy();
  }
}
