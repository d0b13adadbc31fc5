import { DEFAULT_ORGANISATION_ID } from '@limye/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payments and checkouts belong to an organisation (tenancy); rows written before organisations existed are
 * the default organisation's, and the defaults are dropped afterwards so new code must say whose a row is.
 * Events waiting in the outbox are those payments' too. A payment's events and callbacks are read through
 * the payment (payment_id), so they carry no organisation of their own. (provider, provider_ref) and the
 * order id stay unique in the deployment: they are MonCash's transaction ids and our own order ids, and an
 * alert is deduplicated on them before anyone knows whose it is.
 */
export class OrganisationTenancy1765090000001 implements MigrationInterface {
  name = 'OrganisationTenancy1765090000001';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['payments', 'checkouts']) {
      await q.query(`ALTER TABLE "${table}" ADD COLUMN "organisation_id" uuid NOT NULL DEFAULT '${DEFAULT_ORGANISATION_ID}'`);
      await q.query(`ALTER TABLE "${table}" ALTER COLUMN "organisation_id" DROP DEFAULT`);
    }
    await q.query(`UPDATE "outbox" SET "organisation_id" = '${DEFAULT_ORGANISATION_ID}' WHERE "organisation_id" IS NULL`);
    // An operator's list of payments: newest first, of one organisation.
    await q.query(`CREATE INDEX "payments_organisation_created_idx" ON "payments" ("organisation_id", "created_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "payments_organisation_created_idx"`);
    for (const table of ['checkouts', 'payments']) await q.query(`ALTER TABLE "${table}" DROP COLUMN "organisation_id"`);
  }
}
