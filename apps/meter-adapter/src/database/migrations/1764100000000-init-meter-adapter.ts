import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitMeterAdapter1764100000000 implements MigrationInterface {
  name = 'InitMeterAdapter1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "deliveries" (
      "id" uuid NOT NULL,
      "payment_id" uuid NOT NULL,
      "customer_id" uuid NOT NULL,
      "device_id" uuid NOT NULL,
      "device_type" character varying(16) NOT NULL,
      "device_manufacturer" character varying(64) NOT NULL,
      "device_serial" character varying(64) NOT NULL,
      "device_vendor_account_ref" character varying(64),
      "device_site_id" character varying(64),
      "amount_minor" bigint NOT NULL,
      "currency" character varying(3) NOT NULL,
      "memo" character varying(140),
      "driver" character varying(32) NOT NULL,
      "status" character varying(16) NOT NULL,
      "attempts" integer NOT NULL DEFAULT 0,
      "vendor_ref" character varying(128),
      "reason" text,
      "failure_code" character varying(64),
      "next_attempt_at" TIMESTAMP WITH TIME ZONE,
      "lease_until" TIMESTAMP WITH TIME ZONE,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "delivered_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "deliveries_status_check" CHECK (status IN ('PENDING', 'UNKNOWN', 'DELIVERED', 'FAILED')),
      CONSTRAINT "PK_deliveries" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "deliveries_payment_id_key" ON "deliveries" ("payment_id")`);
    // The worker's scan: only deliveries still in play, by when they are due.
    await q.query(`CREATE INDEX "deliveries_due_idx" ON "deliveries" ("next_attempt_at") WHERE status IN ('PENDING', 'UNKNOWN')`);
    await q.query(`CREATE INDEX "deliveries_status_created_idx" ON "deliveries" ("status", "created_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "deliveries"`);
  }
}
