import { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFAULT_ORGANISATION_ID } from '@limye/platform';

/**
 * Every delivery belongs to the organisation of its payment. Rows written before organisations existed
 * belong to the default one. A payment id is unique within its organisation (it is the vendor's external
 * id, and the vendor account is the organisation's); operators list by organisation and status.
 */
export class DeliveryOrganisation1764200000000 implements MigrationInterface {
  name = 'DeliveryOrganisation1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "deliveries" ADD "organisation_id" uuid NOT NULL DEFAULT '${DEFAULT_ORGANISATION_ID}'`);
    // From now on every writer names the organisation: no default to fall back on by mistake.
    await q.query(`ALTER TABLE "deliveries" ALTER COLUMN "organisation_id" DROP DEFAULT`);
    await q.query(`DROP INDEX "deliveries_payment_id_key"`);
    await q.query(`CREATE UNIQUE INDEX "deliveries_organisation_payment_key" ON "deliveries" ("organisation_id", "payment_id")`);
    await q.query(`DROP INDEX "deliveries_status_created_idx"`);
    await q.query(`CREATE INDEX "deliveries_organisation_status_created_idx" ON "deliveries" ("organisation_id", "status", "created_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "deliveries_organisation_status_created_idx"`);
    await q.query(`CREATE INDEX "deliveries_status_created_idx" ON "deliveries" ("status", "created_at")`);
    await q.query(`DROP INDEX "deliveries_organisation_payment_key"`);
    // Fails (as it should) when two organisations hold a delivery for the same payment id.
    await q.query(`CREATE UNIQUE INDEX "deliveries_payment_id_key" ON "deliveries" ("payment_id")`);
    await q.query(`ALTER TABLE "deliveries" DROP COLUMN "organisation_id"`);
  }
}
