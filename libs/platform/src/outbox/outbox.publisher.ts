import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { headers as natsHeaders, JSONCodec } from 'nats';
import type { DataSource } from 'typeorm';
import { Headers, WorkQueueName } from '@limye/contracts';
import { preparedQuery } from '../database/prepared-query';
import { BacklogGauges } from '../metrics/backlog-gauges';
import { JetStreamConnection, StreamSpec } from '../nats/jetstream.connection';
import { backoffDelayMs } from '../work-queue/backoff';
import { LeasedTable } from '../work-queue/leased-table';
import { WorkOutcome, WorkQueue } from '../work-queue/work-queue';

const codec = JSONCodec();
/** Events published in one batch at most (one claim, one JetStream publish each, one statement to mark them). */
const BATCH = 100;
/** A claimed batch is this publisher's for this long: well beyond the JetStream ack timeout below. */
const LEASE_MS = 30_000;
const PUBLISH_TIMEOUT_MS = 5000;
/** A publish JetStream did not acknowledge is tried again after this back-off (from the poll interval). */
const RETRY_MAX_MS = 30_000;

interface OutboxRow {
  id: string;
  subject: string;
  payload: Record<string, unknown>;
  correlationId: string | null;
  organisationId: string | null;
  attempts: number;
}

export interface OutboxPublisherOptions {
  /** The queue's name (metrics label, wake subject), e.g. WorkQueues.paymentOutbox. */
  name: WorkQueueName;
  streams: StreamSpec[];
  /** The safety net when nothing wakes it. Default 250 ms. */
  pollMs?: number;
}

/**
 * Publishes outbox rows to JetStream, oldest first, at least once; JetStream drops a re-publish of the same
 * Nats-Msg-Id within its dedupe window, and consumers dedupe on the event id beyond it. The outbox is a
 * platform WorkQueue: a batch of due rows is leased in one statement (FOR UPDATE SKIP LOCKED: replicas
 * share the work), published concurrently, and marked in one statement; an unacknowledged publish is tried
 * again with back-off, and a batch whose publisher died is taken again when its lease runs out.
 */
/** Created with the first publisher, so only services with an outbox have these gauges. */
let outboxGauges: BacklogGauges<'unpublished' | 'oldestSeconds'> | undefined;

export class OutboxPublisher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxPublisher.name);
  private readonly table: LeasedTable;
  private readonly queue: WorkQueue<OutboxRow>;
  private readonly pollMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly nats: JetStreamConnection,
    private readonly opts: OutboxPublisherOptions,
  ) {
    this.pollMs = opts.pollMs ?? 250;
    this.table = new LeasedTable(dataSource, {
      table: 'outbox',
      pending: 'published_at IS NULL',
      dueColumn: 'next_attempt_at',
      attempts: { column: 'attempts', counted: 'on-claim' },
      orderBy: 'candidate.created_at',
      returning: ['id', 'subject', 'payload', 'correlation_id', 'organisation_id', 'attempts'],
    });
    this.queue = new WorkQueue<OutboxRow>({
      name: opts.name,
      table: this.table,
      hydrate: (r) => ({ id: r.id as string, subject: r.subject as string, payload: r.payload as Record<string, unknown>, correlationId: r.correlation_id as string | null, organisationId: r.organisation_id as string | null, attempts: r.attempts as number }),
      idOf: (r) => r.id,
      concurrency: BATCH,
      pollMs: this.pollMs,
      leaseMs: LEASE_MS,
      drainMs: PUBLISH_TIMEOUT_MS + 1000,
      // A busy service publishes in batches rather than one pass per event (each pass is a claim and a mark):
      // 100 ms gathers ~10 events at 100 payments/s; nothing waits on the event that closely.
      wakeGatherMs: 100,
      nats,
      handleBatch: (rows) => this.publish(rows),
    });
  }

  /** For an alert on events piling up (NATS or JetStream unable to take them): rows not published, the oldest's age. */
  private readonly backlog = async () => {
    const [row] = await preparedQuery<{ unpublished: number; oldest_seconds: number }>(
      this.dataSource,
      `SELECT count(*)::int AS unpublished, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 AS oldest_seconds
       FROM outbox WHERE published_at IS NULL`,
      [],
    );
    return { unpublished: row.unpublished, oldestSeconds: row.oldest_seconds };
  };

  async onApplicationBootstrap(): Promise<void> {
    outboxGauges ??= new BacklogGauges({
      unpublished: { name: 'limye_outbox_unpublished', help: 'Outbox events not yet published to JetStream' },
      oldestSeconds: { name: 'limye_outbox_oldest_unpublished_seconds', help: 'Seconds the oldest unpublished outbox event has waited (0 when none)' },
    });
    outboxGauges.readFrom(this.backlog);
    for (const s of this.opts.streams) {
      await this.nats.ensureStream(s).catch((err) => this.logger.warn(`stream ${s.name} not ensured yet: ${String(err)}`));
    }
    await this.queue.start();
  }

  /** Before the database closes: no new batches; the one being published is marked. */
  beforeApplicationShutdown(): Promise<void> {
    outboxGauges?.release(this.backlog);
    return this.queue.stop();
  }

  /** Ask for a publish pass soon (after a commit that wrote outbox rows). */
  wake(): void {
    this.queue.wake();
  }

  /** Publishes the batch concurrently (each awaits its JetStream ack), then marks it in one statement per outcome. */
  private async publish(rows: OutboxRow[]): Promise<WorkOutcome[]> {
    const js = await this.nats.jetstream();
    const results = await Promise.allSettled(
      rows.map((row) => {
        const h = natsHeaders();
        if (row.correlationId) h.set(Headers.correlationId, row.correlationId);
        if (row.organisationId) h.set(Headers.organisationId, row.organisationId);
        return js.publish(row.subject, codec.encode(row.payload), { msgID: row.id, headers: h, timeout: PUBLISH_TIMEOUT_MS });
      }),
    );
    const acked = rows.filter((_, i) => results[i].status === 'fulfilled').map((r) => r.id);
    const failed = rows.filter((_, i) => results[i].status === 'rejected');
    if (acked.length) {
      await preparedQuery(this.dataSource, `UPDATE outbox SET published_at = now(), last_error = NULL WHERE id = ANY($1::uuid[])`, [acked]);
    }
    if (failed.length) {
      const reason = String((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).slice(0, 500);
      await this.table.retryLater(
        failed.map((r) => ({ id: r.id, delayMs: backoffDelayMs(r.attempts, this.pollMs, RETRY_MAX_MS) })),
        { sets: ['last_error = $3'], values: [reason] },
      );
      this.logger.warn({ msg: 'events not acknowledged by JetStream; tried again with back-off', count: failed.length, reason });
    }
    return results.map((r) => (r.status === 'fulfilled' ? 'completed' : 'retried'));
  }
}
