import { randomUUID } from 'crypto';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { createTestDatabase } from '@limye/testing';
import { LeasedTable } from './leased-table';

class LeasedTableTestJobs1700000000001 implements MigrationInterface {
  name = 'LeasedTableTestJobs1700000000001';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE jobs (
      id uuid PRIMARY KEY,
      done_at timestamptz,
      attempts int NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      lease_until timestamptz)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE jobs`);
  }
}

/**
 * A claim is a prepared statement; after a few runs on a connection PostgreSQL may switch it to a generic plan,
 * and a plan that rescans the LIMIT … FOR UPDATE SKIP LOCKED candidates once per updated row would lease far more
 * than `limit` (a work-queue test run once saw 60 rows leased by a claim of 5: the reason the candidates are a
 * MATERIALIZED CTE). Here every connection takes generic plans and nested loops without materialising, the plans
 * most likely to rescan, and the claim must still lease at most `limit` rows, each once.
 */
describe('LeasedTable.claim under a generic plan (real Postgres)', () => {
  let drop: () => Promise<void>;
  let generic: DataSource;

  beforeAll(async () => {
    const db = await createTestDatabase({ schema: 'leased_table', entities: [], migrations: [LeasedTableTestJobs1700000000001] });
    drop = db.drop;
    const options = db.dataSource.options as { extra?: Record<string, unknown> };
    generic = new DataSource({ ...db.dataSource.options, extra: { ...(options.extra ?? {}), options: `${String(options.extra?.options ?? '')} -c plan_cache_mode=force_generic_plan -c enable_hashjoin=off -c enable_mergejoin=off -c enable_material=off -c enable_indexscan=off -c enable_bitmapscan=off` } } as never);
    await generic.initialize();
    const [{ plan_cache_mode }] = await generic.query(`SHOW plan_cache_mode`);
    expect(plan_cache_mode).toBe('force_generic_plan');
  });
  afterAll(async () => {
    await generic?.destroy();
    await drop?.();
  });

  it.each([
    ['a lease column', { leaseColumn: 'lease_until' }],
    ['the lease as a later due time', { attempts: { column: 'attempts', counted: 'on-claim' as const } }],
  ])('with %s: never leases more than the limit, and each row once', async (_style, style) => {
    await generic.query(`DELETE FROM jobs`);
    await generic.query(`VACUUM ANALYZE jobs`); // statistics of an empty table: the planner expects next to no rows
    const ids = Array.from({ length: 60 }, () => randomUUID());
    await generic.query(`INSERT INTO jobs (id) SELECT unnest($1::uuid[])`, [ids]);
    const table = new LeasedTable(generic, { table: 'jobs', pending: 'done_at IS NULL', dueColumn: 'next_attempt_at', returning: ['id'], ...style });
    const claimed: string[] = [];
    for (let i = 0; i < 12; i++) {
      const rows = await table.claim(5, 60_000);
      expect(rows.length).toBeLessThanOrEqual(5);
      claimed.push(...rows.map((r) => String(r.id)));
    }
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(new Set(claimed)).toEqual(new Set(ids));
    expect(await table.claim(5, 60_000)).toEqual([]);
  });
});
