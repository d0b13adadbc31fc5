import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { headers as natsHeaders, JSONCodec } from 'nats';
import { DataSource } from 'typeorm';
import { Headers } from '@limye/contracts';
import { JetStreamConnection, StreamSpec } from '../nats/jetstream.connection';
import { CoalescingTimer } from '../scheduling/coalescing-timer';
import { OutboxMessage } from './outbox-message.entity';

const codec = JSONCodec();
const WAKE_GATHER_MS = 20;

/**
 * Publishes outbox rows to JetStream, oldest first, at least once; JetStream drops a re-publish of the same
 * Nats-Msg-Id within its dedupe window, and consumers dedupe on the event id beyond it. Rows are picked
 * with FOR UPDATE SKIP LOCKED so replicas share the work.
 */
export class OutboxPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxPublisher.name);
  private readonly timer = new CoalescingTimer(() => void this.tick());
  private running = false;
  private stopped = false;
  private wakeRequested = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly nats: JetStreamConnection,
    private readonly streams: StreamSpec[],
    private readonly intervalMs = 250,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const s of this.streams) {
      await this.nats.ensureStream(s).catch((err) => this.logger.warn(`stream ${s.name} not ensured yet: ${String(err)}`));
    }
    this.schedule(0);
  }

  /**
   * Ask for a publish pass soon (after a commit that wrote outbox rows). Passes are gathered for a few
   * milliseconds, so a busy service publishes in batches rather than one pass per event.
   */
  wake(): void {
    if (this.running) {
      this.wakeRequested = true;
      return;
    }
    this.schedule(WAKE_GATHER_MS);
  }

  private schedule(delay: number): void {
    this.timer.schedule(delay);
  }

  private async tick(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = true;
    let published = 0;
    try {
      published = await this.publishBatch(100);
    } catch (err) {
      this.logger.warn(`outbox pass failed: ${(err as Error).message}`);
    } finally {
      this.running = false;
      const again = published === 100 || this.wakeRequested;
      this.wakeRequested = false;
      this.schedule(again ? WAKE_GATHER_MS : this.intervalMs);
    }
  }

  async publishBatch(limit: number): Promise<number> {
    const js = await this.nats.jetstream();
    return this.dataSource.transaction(async (manager) => {
      const rows: OutboxMessage[] = await manager
        .getRepository(OutboxMessage)
        .createQueryBuilder('o')
        .where('o.published_at IS NULL')
        .orderBy('o.created_at', 'ASC')
        .limit(limit)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      // Publish the batch concurrently (each awaits its JetStream ack), then mark what was acknowledged
      // in one statement; anything not acknowledged stays for the next pass.
      const results = await Promise.allSettled(
        rows.map((row) => {
          const h = natsHeaders();
          if (row.correlationId) h.set(Headers.correlationId, row.correlationId);
          return js.publish(row.subject, codec.encode(row.payload), { msgID: row.id, headers: h, timeout: 5000 });
        }),
      );
      const acked = rows.filter((_, i) => results[i].status === 'fulfilled').map((r) => r.id);
      const failed = rows.filter((_, i) => results[i].status === 'rejected');
      if (acked.length) {
        await manager.query(`UPDATE outbox SET published_at = now(), attempts = attempts + 1 WHERE id = ANY($1)`, [acked]);
      }
      if (failed.length) {
        const reason = String((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).slice(0, 500);
        await manager.query(`UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1)`, [failed.map((r) => r.id), reason]);
      }
      const done = acked.length;
      return done;
    });
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    this.timer.stop();
  }
}
