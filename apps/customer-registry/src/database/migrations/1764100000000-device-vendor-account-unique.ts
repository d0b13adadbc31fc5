import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One device per vendor account in a site: two customers sharing a SparkMeter code would have one's
 * payments credited to the other's meter.
 */
export class DeviceVendorAccountUnique1764100000000 implements MigrationInterface {
  name = 'DeviceVendorAccountUnique1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE UNIQUE INDEX "devices_site_vendor_account_uq" ON "devices" ("site_id", "vendor_account_ref") WHERE "vendor_account_ref" IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "devices_site_vendor_account_uq"`);
  }
}
