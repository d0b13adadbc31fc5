import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { headers as natsHeaders, JSONCodec } from 'nats';
import { DataSource, EntityManager } from 'typeorm';
import { randomUUID } from 'crypto';
import { Headers } from '@limye/contracts';
import { currentCorrelationId } from '../correlation/correlation';
import { JetStreamConnection, StreamSpec } from '../nats/jetstream.connection';
import { OutboxMessage } from './outbox-message.entity';

const codec = JSONCodec();

/** Writes an outbox row inside the caller's transaction. */
export async function enqueueOutbox(
  manager: EntityManager,
  subject: string,
  payload: Record<string, unknown>,
  id: string = randomUUID(),
): Promise<string> {
  await manager.insert(OutboxMessage, { id, subject, payload: payload as never, correlationId: currentCorrelationId() ?? null });
  return id;
}

/**
 * Publishes outbox rows to JetStream in order, at least once; JetStream drops a re-publish of the same
 * Nats-Msg-Id within its dedupe window, and consumers dedupe on the event id beyond it. Rows are picked
 * with FOR UPDATE SKIP LOCKED so replicas share the work.
 */
export class OutboxPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxPublisher.name);
  private timer?: NodeJS.Timeout;
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

  /** Ask for a publish pass soon (after a commit that wrote outbox rows). */
  wake(): void {
    if (this.running) {
      this.wakeRequested = true;
      return;
    }
    this.schedule(0);
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delay);
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
      this.schedule(again ? 0 : this.intervalMs);
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
      let done = 0;
      for (const row of rows) {
        const h = natsHeaders();
        if (row.correlationId) h.set(Headers.correlationId, row.correlationId);
        try {
          await js.publish(row.subject, codec.encode(row.payload), { msgID: row.id, headers: h, timeout: 5000 });
          await manager.update(OutboxMessage, { id: row.id }, { publishedAt: new Date(), attempts: row.attempts + 1 });
          done++;
        } catch (err) {
          await manager.update(OutboxMessage, { id: row.id }, { attempts: row.attempts + 1, lastError: String(err).slice(0, 500) });
          break; // keep order: stop at the first failure and retry on the next pass
        }
      }
      return done;
    });
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
