import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitCustomerRegistry1764000000000 implements MigrationInterface {
  name = 'InitCustomerRegistry1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "sites" (
      "id" character varying(64) NOT NULL,
      "name" character varying(120) NOT NULL,
      "country" character varying(2) NOT NULL,
      "currency" character varying(3) NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_sites" PRIMARY KEY ("id"))`);

    await q.query(`CREATE TABLE "customers" (
      "id" uuid NOT NULL,
      "name" character varying(120) NOT NULL,
      "phone" character varying(16) NOT NULL,
      "account_number" character varying(64) NOT NULL,
      "account_number_normalized" character varying(64) NOT NULL,
      "site_id" character varying(64),
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_customers" PRIMARY KEY ("id"),
      CONSTRAINT "customers_site_fk" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
    await q.query(`CREATE UNIQUE INDEX "customers_account_number_normalized_uq" ON "customers" ("account_number_normalized")`);
    await q.query(`CREATE INDEX "customers_phone_idx" ON "customers" ("phone")`);
    await q.query(`CREATE INDEX "customers_site_idx" ON "customers" ("site_id")`);

    await q.query(`CREATE TABLE "devices" (
      "id" uuid NOT NULL,
      "customer_id" uuid NOT NULL,
      "type" character varying(16) NOT NULL,
      "manufacturer" character varying(64) NOT NULL,
      "serial" character varying(64) NOT NULL,
      "serial_normalized" character varying(64) NOT NULL,
      "vendor_account_ref" character varying(64),
      "site_id" character varying(64),
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_devices" PRIMARY KEY ("id"),
      CONSTRAINT "devices_type_check" CHECK ("type" IN ('meter', 'shs', 'ebike')),
      CONSTRAINT "devices_customer_fk" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
      CONSTRAINT "devices_site_fk" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
    await q.query(`CREATE UNIQUE INDEX "devices_serial_normalized_uq" ON "devices" ("serial_normalized")`);
    await q.query(`CREATE INDEX "devices_customer_idx" ON "devices" ("customer_id")`);

    // Generated account numbers: this sequence plus a check digit. Starting at 100000 keeps every
    // number at 7 digits with no leading zero, which spreadsheets and USSD menus would drop.
    await q.query(`CREATE SEQUENCE "account_number_seq" AS bigint START WITH 100000 MINVALUE 100000`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SEQUENCE "account_number_seq"`);
    await q.query(`DROP TABLE "devices"`);
    await q.query(`DROP TABLE "customers"`);
    await q.query(`DROP TABLE "sites"`);
  }
}
