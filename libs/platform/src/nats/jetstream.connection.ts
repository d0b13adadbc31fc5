import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { connect, JetStreamClient, NatsConnection, RetentionPolicy, StorageType } from 'nats';

export interface StreamSpec {
  name: string;
  subjects: readonly string[];
}

/**
 * A plain NATS connection for what Nest's transport does not do: JetStream publishing and consuming,
 * and the readiness check.
 */
@Injectable()
export class JetStreamConnection implements OnApplicationShutdown {
  private nc?: NatsConnection;

  /** `streamReplicas`: copies of each stream ensureStream creates (NATS_STREAM_REPLICAS; 1 on a single server). */
  constructor(private readonly servers: string, private readonly name: string, private readonly streamReplicas = 1) {}

  async connect(): Promise<NatsConnection> {
    if (!this.nc) {
      this.nc = await connect({
        servers: this.servers.split(','),
        name: `${this.name}-js`,
        maxReconnectAttempts: -1,
        reconnectTimeWait: 500,
      });
    }
    return this.nc;
  }

  get connection(): NatsConnection | undefined {
    return this.nc;
  }

  async jetstream(): Promise<JetStreamClient> {
    return (await this.connect()).jetstream();
  }

  /**
   * Creates the stream if missing (file storage, 7 days, dedupe window 2 min for Nats-Msg-Id, `streamReplicas`
   * copies). A stream that exists with another replica count is updated to it (JetStream moves the data), so
   * raising NATS_STREAM_REPLICAS after moving to a cluster takes effect at the next start.
   */
  async ensureStream(spec: StreamSpec): Promise<void> {
    const jsm = await (await this.connect()).jetstreamManager();
    let existing;
    try {
      existing = await jsm.streams.info(spec.name);
    } catch {
      existing = undefined;
    }
    if (existing) {
      if ((existing.config.num_replicas ?? 1) !== this.streamReplicas) {
        await jsm.streams.update(spec.name, { ...existing.config, num_replicas: this.streamReplicas });
      }
    } else {
      try {
        await jsm.streams.add({
          name: spec.name,
          subjects: [...spec.subjects],
          retention: RetentionPolicy.Limits,
          storage: StorageType.File,
          max_age: 7 * 24 * 3600 * 1e9,
          duplicate_window: 120 * 1e9,
          num_replicas: this.streamReplicas,
        });
      } catch (err) {
        // Another replica may have created it between our info and add.
        await jsm.streams.info(spec.name).catch(() => {
          throw err;
        });
      }
    }
  }

  /** True when connected and the server answers a round trip within `timeoutMs`. */
  async ping(timeoutMs = 1000): Promise<boolean> {
    const nc = this.nc;
    if (!nc || nc.isClosed()) return false;
    try {
      await Promise.race([
        nc.flush(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref()),
      ]);
      return true;
    } catch {
      return false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.nc && !this.nc.isClosed()) await this.nc.drain().catch(() => this.nc?.close());
  }
}
