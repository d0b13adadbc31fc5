import { Logger } from '@nestjs/common';
import type { Subscription } from 'nats';
import { WorkQueueName, workQueueWakeSubject } from '@limye/contracts';
import type { JetStreamConnection } from '../nats/jetstream.connection';

/**
 * A queue's wake-up notice on core NATS (`work.v1.<service>.<queue>.wake`, empty body): every replica
 * listens, so work added or unblocked on one is claimed at once by whichever has room. A notice is only
 * a hint — lost or late, the poll still finds the row — so publishing never fails its caller.
 */
export class QueueWake {
  private readonly logger = new Logger(QueueWake.name);
  readonly subject: string;
  private subscription?: Subscription;

  constructor(private readonly nats: JetStreamConnection, name: WorkQueueName) {
    this.subject = workQueueWakeSubject(name);
  }

  async listen(onWake: () => void): Promise<void> {
    if (this.subscription) return;
    const nc = await this.nats.connect();
    this.subscription = nc.subscribe(this.subject, { callback: (err) => !err && onWake() });
  }

  /** Tells every replica (this one too). Call it after the commit that added the work. */
  publish(): void {
    const nc = this.nats.connection;
    if (!nc || nc.isClosed()) return;
    try {
      nc.publish(this.subject);
    } catch (err) {
      this.logger.warn({ msg: 'wake-up notice not sent; the poll will find the work', subject: this.subject, error: (err as Error).message });
    }
  }

  close(): void {
    this.subscription?.unsubscribe();
    this.subscription = undefined;
  }
}
