import { OUTBOX_ORGANISATION_SQL } from '@limye/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each event carries its organisation, published as its `limye-organisation` header (platform tenancy). */
export class OutboxOrganisation1765090000000 implements MigrationInterface {
  name = 'OutboxOrganisation1765090000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of OUTBOX_ORGANISATION_SQL) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "outbox" DROP COLUMN "organisation_id"`);
  }
}
