import { DEFAULT_ORGANISATION_ID } from '@limye/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every site, customer and device belongs to an organisation (tenancy). Rows written before organisations
 * existed are the default organisation's; the default is dropped afterwards, so new code must say whose a
 * row is. What was unique in the deployment is unique per organisation: site ids, account numbers, serials,
 * vendor account codes. A customer's site, a device's customer and site are its own organisation's (the
 * foreign keys carry the organisation), and every index a query filters through leads with organisation_id.
 */
export class OrganisationTenancy1765090000000 implements MigrationInterface {
  name = 'OrganisationTenancy1765090000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['sites', 'customers', 'devices']) {
      await q.query(`ALTER TABLE "${table}" ADD COLUMN "organisation_id" uuid NOT NULL DEFAULT '${DEFAULT_ORGANISATION_ID}'`);
      await q.query(`ALTER TABLE "${table}" ALTER COLUMN "organisation_id" DROP DEFAULT`);
    }
    await q.query(`ALTER TABLE "devices" DROP CONSTRAINT "devices_site_fk"`);
    await q.query(`ALTER TABLE "devices" DROP CONSTRAINT "devices_customer_fk"`);
    await q.query(`ALTER TABLE "customers" DROP CONSTRAINT "customers_site_fk"`);

    await q.query(`ALTER TABLE "sites" DROP CONSTRAINT "PK_sites"`);
    await q.query(`ALTER TABLE "sites" ADD CONSTRAINT "PK_sites" PRIMARY KEY ("organisation_id", "id")`);

    await q.query(`DROP INDEX "customers_account_number_normalized_uq"`);
    await q.query(`CREATE UNIQUE INDEX "customers_account_number_normalized_uq" ON "customers" ("organisation_id", "account_number_normalized")`);
    await q.query(`DROP INDEX "customers_phone_idx"`);
    await q.query(`CREATE INDEX "customers_phone_idx" ON "customers" ("organisation_id", "phone")`);
    await q.query(`DROP INDEX "customers_site_idx"`);
    await q.query(`CREATE INDEX "customers_site_idx" ON "customers" ("organisation_id", "site_id")`);
    // The target of the devices' foreign key (organisation, customer); also what a list reads in order by.
    await q.query(`CREATE UNIQUE INDEX "customers_organisation_id_uq" ON "customers" ("organisation_id", "id")`);
    await q.query(`ALTER TABLE "customers" ADD CONSTRAINT "customers_site_fk" FOREIGN KEY ("organisation_id", "site_id") REFERENCES "sites"("organisation_id", "id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    await q.query(`DROP INDEX "devices_serial_normalized_uq"`);
    await q.query(`CREATE UNIQUE INDEX "devices_serial_normalized_uq" ON "devices" ("organisation_id", "serial_normalized")`);
    await q.query(`DROP INDEX "devices_site_vendor_account_uq"`);
    await q.query(`CREATE UNIQUE INDEX "devices_site_vendor_account_uq" ON "devices" ("organisation_id", "site_id", "vendor_account_ref") WHERE "vendor_account_ref" IS NOT NULL`);
    await q.query(`ALTER TABLE "devices" ADD CONSTRAINT "devices_customer_fk" FOREIGN KEY ("organisation_id", "customer_id") REFERENCES "customers"("organisation_id", "id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "devices" ADD CONSTRAINT "devices_site_fk" FOREIGN KEY ("organisation_id", "site_id") REFERENCES "sites"("organisation_id", "id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Only while every row is still the default organisation's: the old unique indexes would refuse the rest.
    await q.query(`ALTER TABLE "devices" DROP CONSTRAINT "devices_site_fk"`);
    await q.query(`ALTER TABLE "devices" DROP CONSTRAINT "devices_customer_fk"`);
    await q.query(`ALTER TABLE "customers" DROP CONSTRAINT "customers_site_fk"`);
    await q.query(`DROP INDEX "customers_organisation_id_uq"`);
    await q.query(`DROP INDEX "devices_site_vendor_account_uq"`);
    await q.query(`CREATE UNIQUE INDEX "devices_site_vendor_account_uq" ON "devices" ("site_id", "vendor_account_ref") WHERE "vendor_account_ref" IS NOT NULL`);
    await q.query(`DROP INDEX "devices_serial_normalized_uq"`);
    await q.query(`CREATE UNIQUE INDEX "devices_serial_normalized_uq" ON "devices" ("serial_normalized")`);
    await q.query(`DROP INDEX "customers_site_idx"`);
    await q.query(`CREATE INDEX "customers_site_idx" ON "customers" ("site_id")`);
    await q.query(`DROP INDEX "customers_phone_idx"`);
    await q.query(`CREATE INDEX "customers_phone_idx" ON "customers" ("phone")`);
    await q.query(`DROP INDEX "customers_account_number_normalized_uq"`);
    await q.query(`CREATE UNIQUE INDEX "customers_account_number_normalized_uq" ON "customers" ("account_number_normalized")`);
    await q.query(`ALTER TABLE "sites" DROP CONSTRAINT "PK_sites"`);
    await q.query(`ALTER TABLE "sites" ADD CONSTRAINT "PK_sites" PRIMARY KEY ("id")`);
    await q.query(`ALTER TABLE "customers" ADD CONSTRAINT "customers_site_fk" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "devices" ADD CONSTRAINT "devices_customer_fk" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "devices" ADD CONSTRAINT "devices_site_fk" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    for (const table of ['devices', 'customers', 'sites']) await q.query(`ALTER TABLE "${table}" DROP COLUMN "organisation_id"`);
  }
}
