import { randomBytes, randomUUID } from 'crypto';
import { register } from 'prom-client';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { createTestDatabase, eventually, testInfra } from '@limye/testing';
import { currentCorrelationId } from '../correlation/correlation';
import { JetStreamConnection } from '../nats/jetstream.connection';
import { currentOrganisationId } from '../tenancy/organisation-context';
import { LeasedTable, LeasedTableSpec } from './leased-table';
import { QueueWake } from './queue-wake';
import { WorkOutcome, WorkQueue, WorkQueueOptions } from './work-queue';

/** The test queue's table: `worked` lists who worked on the row and when (database clock), one entry per handling. */
class WorkQueueTestJobs1700000000000 implements MigrationInterface {
  name = 'WorkQueueTestJobs1700000000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE jobs (
      id uuid PRIMARY KEY,
      done_at timestamptz,
      attempts int NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      lease_until timestamptz,
      worked_by text[] NOT NULL DEFAULT '{}',
      worked_at timestamptz[] NOT NULL DEFAULT '{}')`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE jobs`);
  }
}

type WorkQueueCommonForTest = Omit<WorkQueueOptions<Job>, 'handle' | 'handleBatch'>;

interface Job {
  id: string;
  attempts: number;
}

/** The two ways a table holds a lease: its own column, or folded into the due time. */
const LEASE_STYLES: Array<[string, Partial<LeasedTableSpec>]> = [
  ['a lease column', { leaseColumn: 'lease_until', attempts: { column: 'attempts', counted: 'on-retry' } }],
  ['the lease as a later due time', { attempts: { column: 'attempts', counted: 'on-claim' } }],
];

describe('WorkQueue (real Postgres + NATS, a test table in a throwaway schema)', () => {
  let ds: DataSource;
  let drop: () => Promise<void>;
  let nats: JetStreamConnection;
  const queues: Array<WorkQueue<Job>> = [];

  beforeAll(async () => {
    const db = await createTestDatabase({ schema: 'work_queue', entities: [], migrations: [WorkQueueTestJobs1700000000000] });
    ds = db.dataSource;
    drop = db.drop;
    nats = new JetStreamConnection(testInfra().natsUrl, 'work-queue-test');
    await nats.connect();
  });
  afterEach(async () => {
    await Promise.all(queues.splice(0).map((q) => q.stop()));
    await ds.query(`DELETE FROM jobs`);
  });
  afterAll(async () => {
    await nats?.onApplicationShutdown();
    await drop?.();
  });

  const tableOf = (style: Partial<LeasedTableSpec> = LEASE_STYLES[0][1]) =>
    new LeasedTable(ds, { table: 'jobs', pending: 'done_at IS NULL', dueColumn: 'next_attempt_at', returning: ['id', 'attempts'], ...style });

  const uniqueName = () => ({ service: 'work-queue-test', queue: `jobs-${randomBytes(4).toString('hex')}` });

  async function insertJobs(n: number): Promise<string[]> {
    const ids = Array.from({ length: n }, () => randomUUID());
    await ds.query(`INSERT INTO jobs (id) SELECT unnest($1::uuid[])`, [ids]);
    return ids;
  }

  /** Marks the row handled by `who` (and done unless `retryInMs`): what every handler here writes. */
  async function record(table: LeasedTable, id: string, who: string, retryInMs?: number): Promise<WorkOutcome> {
    await ds.query(`UPDATE jobs SET worked_by = worked_by || $2::text, worked_at = worked_at || now() WHERE id = $1`, [id, who]);
    if (retryInMs !== undefined) {
      await table.retryLater([{ id, delayMs: retryInMs }]);
      return 'retried';
    }
    await ds.query(`UPDATE jobs SET done_at = now(), ${table.releaseSets().join(', ')} WHERE id = $1`, [id]);
    return 'completed';
  }

  type Handler = ((row: Job) => Promise<WorkOutcome | void>) | { handleBatch: (rows: Job[]) => Promise<WorkOutcome[]> };

  function queue(table: LeasedTable, handler: Handler, over: Partial<WorkQueueCommonForTest> = {}): WorkQueue<Job> {
    const q = new WorkQueue<Job>({
      name: uniqueName(),
      table,
      hydrate: (raw) => ({ id: String(raw.id), attempts: Number(raw.attempts) }),
      idOf: (j) => j.id,
      concurrency: 4,
      pollMs: 50,
      leaseMs: 30_000,
      drainMs: 5_000,
      nats,
      ...(typeof handler === 'function' ? { handle: handler } : handler),
      ...over,
    } as WorkQueueOptions<Job>);
    queues.push(q);
    return q;
  }

  const done = async (ids: string[]) => {
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM jobs WHERE id = ANY($1::uuid[]) AND done_at IS NOT NULL`, [ids]);
    return n === ids.length;
  };
  const jobRow = async (id: string) =>
    (await ds.query(`SELECT attempts, lease_until, next_attempt_at, done_at, worked_by, worked_at FROM jobs WHERE id = $1`, [id]))[0];

  describe.each(LEASE_STYLES)('with %s', (_, style) => {
    it('never lets two claims hold the same row: ten claims at once over 30 due rows share them out', async () => {
      const table = tableOf(style);
      const ids = await insertJobs(30);
      const claims = await Promise.all(Array.from({ length: 10 }, () => table.claim(5, 30_000)));
      const claimed = claims.flat().map((r) => String(r.id));
      expect(new Set(claimed).size).toBe(claimed.length);
      expect(claimed.length).toBe(30);
      expect(new Set(claimed)).toEqual(new Set(ids));
      // All leased now: nothing more to claim.
      expect(await table.claim(5, 30_000)).toEqual([]);
    });

    it('two consumers work every row once, and never hold the same row at the same time', async () => {
      const table = tableOf(style);
      const ids = await insertJobs(120);
      const holders = new Map<string, string>();
      const overlaps: string[] = [];
      const consumer = (who: string) =>
        queue(table, async (job) => {
          if (holders.has(job.id)) overlaps.push(job.id);
          holders.set(job.id, who);
          await new Promise((r) => setTimeout(r, Math.random() * 10));
          holders.delete(job.id);
          return record(table, job.id, who);
        }, { batchSize: 3 });
      const a = consumer('a');
      const b = consumer('b');
      await Promise.all([a.start(), b.start()]);
      await eventually(() => done(ids), 30_000);
      expect(overlaps).toEqual([]);
      const rows: Array<{ worked_by: string[] }> = await ds.query(`SELECT worked_by FROM jobs`);
      expect(rows.every((r) => r.worked_by.length === 1)).toBe(true);
      const byA = rows.filter((r) => r.worked_by[0] === 'a').length;
      expect(byA).toBeGreaterThan(0);
      expect(byA).toBeLessThan(rows.length);
    });

    it('takes a row again once the lease of a consumer that died with it runs out, not before', async () => {
      const table = tableOf(style);
      const [id] = await insertJobs(1);
      // The crashed consumer: it claimed the row with a short lease and never wrote anything again.
      const [claimed] = await table.claim(1, 700);
      expect(String(claimed.id)).toBe(id);
      const leaseEnd: Date = (await ds.query(`SELECT coalesce(lease_until, next_attempt_at) AS t FROM jobs WHERE id = $1`, [id]))[0].t;
      const survivor = queue(table, (job) => record(table, job.id, 'survivor'));
      await survivor.start();
      await eventually(() => done([id]), 20_000);
      const row = await jobRow(id);
      expect(row.worked_by).toEqual(['survivor']);
      expect(row.worked_at[0].getTime()).toBeGreaterThanOrEqual(leaseEnd.getTime());
    });

    it('honours the back-off a handler asks for, counting attempts', async () => {
      const table = tableOf(style);
      const [id] = await insertJobs(1);
      const q = queue(table, (job) => record(table, job.id, 'w', job.attempts < (style.attempts?.counted === 'on-claim' ? 3 : 2) ? 400 : undefined));
      await q.start();
      await eventually(() => done([id]), 20_000);
      const row = await jobRow(id);
      expect(row.worked_by).toEqual(['w', 'w', 'w']);
      const gaps = [1, 2].map((i) => row.worked_at[i].getTime() - row.worked_at[i - 1].getTime());
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(400);
      expect(row.attempts).toBe(style.attempts?.counted === 'on-claim' ? 3 : 2);
    });
  });

  it("works each row for the organisation (and under the correlation id) its options read from the row", async () => {
    const table = tableOf();
    const ids = await insertJobs(3);
    const orgOf = (id: string) => `0000000${ids.indexOf(id)}-0000-4000-8000-000000000000`;
    const seen = new Map<string, [string | undefined, string | undefined]>();
    const q = queue(table, async (job) => {
      await new Promise((r) => setImmediate(r));
      seen.set(job.id, [currentOrganisationId(), currentCorrelationId()]);
      return record(table, job.id, 'w');
    }, { organisationId: (job) => orgOf(job.id), correlationId: (job) => `corr-${job.id}` });
    await q.start();
    await eventually(() => done(ids), 20_000);
    expect(Object.fromEntries(seen)).toEqual(Object.fromEntries(ids.map((id) => [id, [orgOf(id), `corr-${id}`]])));
  });

  it('a wake-up notice from another replica claims at once, long before the poll', async () => {
    const table = tableOf();
    const name = uniqueName();
    const q = queue(table, (job) => record(table, job.id, 'woken'), { name, pollMs: 3_600_000 });
    await q.start();
    await new Promise((r) => setTimeout(r, 100)); // its first claim (at start) has found nothing
    const ids = await insertJobs(3);
    new QueueWake(nats, name).publish(); // as the replica that added the work would, after its commit
    await eventually(() => done(ids), 20_000);
    const woken = await register.getSingleMetric('limye_work_wakeups_total')?.get();
    expect(woken?.values.find((v) => v.labels.queue === name.queue)?.value).toBeGreaterThanOrEqual(1);
  });

  it('wake() and kick() claim at once too; makeDue brings a row out of its back-off', async () => {
    const table = tableOf();
    const q = queue(table, (job) => record(table, job.id, 'here'), { pollMs: 3_600_000, nats: undefined });
    await q.start();
    await new Promise((r) => setTimeout(r, 100));
    const first = await insertJobs(2);
    q.wake();
    await eventually(() => done(first), 20_000);
    const [second] = await insertJobs(1);
    q.kick(second);
    await eventually(() => done([second]), 20_000);
    const [waiting] = await insertJobs(1);
    await ds.query(`UPDATE jobs SET next_attempt_at = now() + interval '1 hour' WHERE id = $1`, [waiting]);
    expect(await table.makeDue([waiting])).toEqual([waiting]);
    q.kick(waiting);
    await eventually(() => done([waiting]), 20_000);
  });

  it('on stop: claims no more, lets in-flight rows finish within the drain limit, leaves the rest leased', async () => {
    const table = tableOf();
    const ids = await insertJobs(3);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const started: string[] = [];
    const q = queue(table, async (job) => {
      started.push(job.id);
      await gate;
      return record(table, job.id, 'drained');
    });
    await q.start();
    await eventually(async () => started.length === 3);
    const stopping = q.stop();
    const later = await insertJobs(1);
    q.wake();
    setTimeout(release, 200);
    await stopping;
    expect(await done(ids)).toBe(true);
    expect((await jobRow(later[0])).lease_until).toBeNull();

    // A row that does not finish within drainMs is left leased: it is taken again when the lease runs out.
    const stuck = queue(table, () => new Promise<never>(() => undefined), { drainMs: 200 });
    await stuck.start();
    await eventually(async () => stuck.inFlightCount === 1);
    await stuck.stop();
    const row = await jobRow(later[0]);
    expect(row.done_at).toBeNull();
    expect(row.lease_until.getTime()).toBeGreaterThan(Date.now());
  });

  /** Works every row of `ids` (5 ms each) and answers the most rows that were in flight at once. */
  async function workAllCountingInFlight(table: LeasedTable, ids: string[], over: Partial<WorkQueueCommonForTest>): Promise<number> {
    let now = 0;
    let most = 0;
    const q = queue(table, async (job) => {
      most = Math.max(most, ++now);
      await new Promise((r) => setTimeout(r, 5));
      now--;
      return record(table, job.id, 'w');
    }, over);
    await q.start();
    await eventually(() => done(ids), 30_000);
    return most;
  }

  it('gives straight back what a claim leases beyond its limit, and works on no more than the limit', async () => {
    const table = tableOf();
    const ids = await insertJobs(12);
    const claim = table.claim.bind(table);
    let first = true;
    // A claim that ignores its limit once (what a rescanning plan did): leases every due row.
    table.claim = async (limit, leaseMs, onlyId) => {
      if (!first || onlyId) return claim(limit, leaseMs, onlyId);
      first = false;
      return claim(100, leaseMs);
    };
    const most = await workAllCountingInFlight(table, ids, { concurrency: 3, batchSize: 3 });
    expect(first).toBe(false);
    expect(most).toBeLessThanOrEqual(3);
    const rows: Array<{ worked_by: string[] }> = await ds.query(`SELECT worked_by FROM jobs WHERE id = ANY($1::uuid[])`, [ids]);
    expect(rows.map((r) => r.worked_by.length)).toEqual(ids.map(() => 1));
  });

  it('claims at most batchSize rows per statement and works on at most concurrency rows at once', async () => {
    const table = tableOf();
    const ids = await insertJobs(60);
    const limits: number[] = [];
    const claim = table.claim.bind(table);
    table.claim = async (limit, leaseMs, onlyId) => {
      const rows = await claim(limit, leaseMs, onlyId);
      limits.push(limit, rows.length);
      return rows;
    };
    const most = await workAllCountingInFlight(table, ids, { concurrency: 8, batchSize: 5 });
    expect(Math.max(...limits)).toBeLessThanOrEqual(5);
    expect(most).toBeLessThanOrEqual(8);
    expect(most).toBeGreaterThan(1);
  });

  it('hands whole batches to handleBatch, and counts what it did in the metrics', async () => {
    const table = tableOf();
    const ids = await insertJobs(25);
    const sizes: number[] = [];
    const name = uniqueName();
    const handleBatch = async (jobs: Job[]) => {
      sizes.push(jobs.length);
      await ds.query(`UPDATE jobs SET done_at = now(), lease_until = NULL WHERE id = ANY($1::uuid[])`, [jobs.map((j) => j.id)]);
      return jobs.map((): WorkOutcome => 'completed');
    };
    const q = queue(table, { handleBatch }, { name, batchSize: 10, concurrency: 10 });
    await q.start();
    await eventually(() => done(ids), 20_000);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(10);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(25);
    const value = async (metric: string, labels: Record<string, string>) =>
      (await register.getSingleMetric(metric)?.get())?.values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l))?.value;
    expect(await value('limye_work_claimed_total', { queue: name.queue })).toBe(25);
    expect(await value('limye_work_processed_total', { queue: name.queue, outcome: 'completed' })).toBe(25);
    expect(await value('limye_work_in_flight', { queue: name.queue })).toBe(0);
    const claims = (await register.getSingleMetric('limye_work_claim_duration_seconds')?.get())?.values.find(
      (v) => v.labels.queue === name.queue && (v as { metricName?: string }).metricName === 'limye_work_claim_duration_seconds_count',
    );
    expect(claims?.value).toBeGreaterThanOrEqual(3);
  });

  it('works a row handed over already leased at once, and offers no lease when it is full', async () => {
    const table = tableOf();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const q = queue(table, async (job) => {
      await gate;
      return record(table, job.id, 'adopted');
    }, { concurrency: 1, pollMs: 3_600_000 });
    await q.start();
    const lease = q.leaseForHandover();
    expect(lease).toBe(30_000);
    const id = randomUUID();
    await ds.query(`INSERT INTO jobs (id, lease_until) VALUES ($1, now() + $2::int * interval '1 millisecond')`, [id, lease]);
    q.adopt({ id, attempts: 0 });
    expect(q.inFlightCount).toBe(1);
    expect(q.leaseForHandover()).toBeUndefined();
    release();
    await eventually(() => done([id]), 20_000);
    expect((await jobRow(id)).worked_by).toEqual(['adopted']);
  });
});
