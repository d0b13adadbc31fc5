import { MigrationInterface, QueryRunner } from 'typeorm';
import { OUTBOX_WORK_QUEUE_SQL } from '@limye/platform';

/** The outbox becomes a platform work queue: its rows get a due time, which is also their lease. */
export class OutboxWorkQueue1764200000000 implements MigrationInterface {
  name = 'OutboxWorkQueue1764200000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of OUTBOX_WORK_QUEUE_SQL) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "outbox" DROP COLUMN "next_attempt_at"`);
  }
}
