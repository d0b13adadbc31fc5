import { DataSource } from 'typeorm';
import { buildDataSourceOptions, runMigrationsWithLock, ServiceDatabaseSpec } from '@limye/platform';
import { testInfra, uniqueSchema } from './test-env';

/**
 * A fresh schema with the service's committed migrations applied, and a DataSource on it. The schema
 * is dropped by `drop()`.
 */
export async function createTestDatabase(spec: ServiceDatabaseSpec): Promise<{ dataSource: DataSource; schema: string; drop(): Promise<void> }> {
  const { databaseUrl } = testInfra();
  const schema = uniqueSchema(spec.schema);
  const options = buildDataSourceOptions(databaseUrl, { ...spec, schema }, { poolSize: 5 });
  await runMigrationsWithLock(options);
  const dataSource = new DataSource(options);
  await dataSource.initialize();
  return {
    dataSource,
    schema,
    async drop() {
      await dataSource.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await dataSource.destroy();
    },
  };
}

/**
 * Fails when the entities and the committed migrations disagree: after applying the migrations,
 * TypeORM's schema builder must have nothing left to change.
 */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return log.upQueries.map((q) => q.query);
}
