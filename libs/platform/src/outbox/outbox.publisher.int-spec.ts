import { randomBytes, randomUUID } from 'crypto';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { Headers } from '@limye/contracts';
import { createTestDatabase, eventually, pendingSchemaChanges, testInfra } from '@limye/testing';
import { JetStreamConnection } from '../nats/jetstream.connection';
import { OUTBOX_ORGANISATION_SQL, OUTBOX_TABLE_SQL, OUTBOX_WORK_QUEUE_SQL, OutboxMessage } from './outbox-message.entity';
import { OutboxPublisher } from './outbox.publisher';

class OutboxTestTable1700000000001 implements MigrationInterface {
  name = 'OutboxTestTable1700000000001';
  async up(q: QueryRunner): Promise<void> {
    for (const sql of [...OUTBOX_TABLE_SQL, ...OUTBOX_WORK_QUEUE_SQL, ...OUTBOX_ORGANISATION_SQL]) await q.query(sql);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "outbox"`);
  }
}

describe('OutboxPublisher (real Postgres + JetStream)', () => {
  const tag = randomBytes(4).toString('hex');
  const stream = { name: `OUTBOX_TEST_${tag}`, subjects: [`outboxtest.${tag}.>`] };
  let ds: DataSource;
  let drop: () => Promise<void>;
  let nats: JetStreamConnection;
  let publisher: OutboxPublisher;

  beforeAll(async () => {
    const db = await createTestDatabase({ schema: 'outbox_test', entities: [OutboxMessage], migrations: [OutboxTestTable1700000000001] });
    ds = db.dataSource;
    drop = db.drop;
    nats = new JetStreamConnection(testInfra().natsUrl, 'outbox-test');
    await nats.connect();
    // An hour-long poll: only the start and wake() make it publish within the test.
    publisher = new OutboxPublisher(ds, nats, { name: { service: 'outbox-test', queue: `outbox-${tag}` }, streams: [stream], pollMs: 3_600_000 });
    await publisher.onApplicationBootstrap();
  });
  afterAll(async () => {
    await publisher?.beforeApplicationShutdown();
    const jsm = await (await nats.connect()).jetstreamManager();
    await jsm.streams.delete(stream.name).catch(() => undefined);
    await nats?.onApplicationShutdown();
    await drop?.();
  });

  async function insert(n: number, subject: string): Promise<string[]> {
    const ids = Array.from({ length: n }, () => randomUUID());
    await ds.query(`INSERT INTO outbox (id, subject, payload) SELECT id, $2, jsonb_build_object('id', id) FROM unnest($1::uuid[]) AS id`, [ids, subject]);
    return ids;
  }
  const unpublished = async (ids: string[]) =>
    (await ds.query(`SELECT count(*)::int AS n FROM outbox WHERE id = ANY($1::uuid[]) AND published_at IS NULL`, [ids]))[0].n as number;

  it('has an entity that matches its SQL', async () => {
    expect(await pendingSchemaChanges(ds)).toEqual([]);
  });

  it('publishes every event once, in batches, when woken after the commit', async () => {
    const ids = await insert(150, `outboxtest.${tag}.completed`);
    publisher.wake();
    await eventually(async () => (await unpublished(ids)) === 0, 20000);
    const jsm = await (await nats.connect()).jetstreamManager();
    expect((await jsm.streams.info(stream.name)).state.messages).toBe(150);
    const rows: Array<{ attempts: number; last_error: string | null }> = await ds.query(`SELECT attempts, last_error FROM outbox WHERE id = ANY($1::uuid[])`, [ids]);
    expect(rows.every((r) => r.attempts === 1 && r.last_error === null)).toBe(true);
  });

  it("publishes an event's organisation and correlation id as its headers", async () => {
    const id = randomUUID();
    const org = randomUUID();
    const subject = `outboxtest.${tag}.org`;
    await ds.query(`INSERT INTO outbox (id, subject, payload, correlation_id, organisation_id) VALUES ($1, $2, '{}', 'corr-org', $3)`, [id, subject, org]);
    publisher.wake();
    await eventually(async () => (await unpublished([id])) === 0, 20000);
    const jsm = await (await nats.connect()).jetstreamManager();
    const msg = await jsm.streams.getMessage(stream.name, { last_by_subj: subject });
    expect(msg.header.get(Headers.organisationId)).toBe(org);
    expect(msg.header.get(Headers.correlationId)).toBe('corr-org');
  });

  it('tries an event JetStream does not acknowledge again, with back-off, keeping the reason', async () => {
    const [id] = await insert(1, `nostream.${tag}`);
    publisher.wake();
    const row = await eventually(async () => {
      const [r] = await ds.query(`SELECT attempts, last_error, published_at, next_attempt_at > now() AS later FROM outbox WHERE id = $1`, [id]);
      return r.attempts >= 1 && r.last_error ? r : null;
    }, 20000);
    expect(row).toMatchObject({ published_at: null, later: true });
    expect(row.last_error.length).toBeGreaterThan(0);
  });
});
