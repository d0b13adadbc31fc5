import { MigrationInterface, QueryRunner } from 'typeorm';
import { OUTBOX_TABLE_SQL } from '@limye/platform';

export class InitIntake1763800000100 implements MigrationInterface {
  name = 'InitIntake1763800000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "payments" (
      "id" uuid NOT NULL,
      "provider" character varying(32) NOT NULL,
      "provider_ref" character varying(128) NOT NULL,
      "state" character varying(16) NOT NULL,
      "order_id" character varying(64),
      "account_number" character varying(64),
      "payer_phone" character varying(32),
      "amount_minor" bigint,
      "currency" character varying(3),
      "customer_id" uuid,
      "device" jsonb,
      "energy_credit_minor" bigint,
      "delivery_id" uuid,
      "vendor_ref" character varying(128),
      "reason" text,
      "not_found_count" integer NOT NULL DEFAULT 0,
      "attempts" integer NOT NULL DEFAULT 0,
      "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "lease_until" TIMESTAMP WITH TIME ZONE,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "completed_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "PK_payments" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "payments_provider_ref_uq" ON "payments" ("provider", "provider_ref")`);
    await q.query(`CREATE INDEX "payments_due_idx" ON "payments" ("next_attempt_at") WHERE state IN ('RECEIVED','VERIFIED','MATCHED','ALLOCATED')`);
    await q.query(`CREATE INDEX "payments_state_idx" ON "payments" ("state", "created_at")`);
    await q.query(`CREATE INDEX "payments_order_idx" ON "payments" ("provider", "order_id")`);

    await q.query(`CREATE TABLE "payment_events" (
      "id" BIGSERIAL NOT NULL,
      "payment_id" uuid NOT NULL,
      "state" character varying(16) NOT NULL,
      "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "detail" text,
      CONSTRAINT "PK_payment_events" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "payment_events_payment_idx" ON "payment_events" ("payment_id", "id")`);

    await q.query(`CREATE TABLE "checkouts" (
      "order_id" character varying(64) NOT NULL,
      "provider" character varying(32) NOT NULL,
      "reserved_payment_id" uuid NOT NULL,
      "account_number" character varying(64) NOT NULL,
      "amount_minor" bigint NOT NULL,
      "currency" character varying(3) NOT NULL,
      "payment_token" character varying(512),
      "payment_id" uuid,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "last_checked_at" TIMESTAMP WITH TIME ZONE,
      "check_count" integer NOT NULL DEFAULT 0,
      CONSTRAINT "UQ_checkouts_reserved_payment_id" UNIQUE ("reserved_payment_id"),
      CONSTRAINT "PK_checkouts" PRIMARY KEY ("order_id"))`);
    await q.query(`CREATE INDEX "checkouts_open_idx" ON "checkouts" ("created_at") WHERE payment_id IS NULL`);

    await q.query(`CREATE TABLE "provider_callbacks" (
      "id" BIGSERIAL NOT NULL,
      "provider" character varying(32) NOT NULL,
      "kind" character varying(32) NOT NULL,
      "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "payload" jsonb NOT NULL,
      "transaction_id" character varying(128),
      "order_id" character varying(64),
      "payment_id" uuid,
      "outcome" character varying(32) NOT NULL,
      CONSTRAINT "PK_provider_callbacks" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "provider_callbacks_ref_idx" ON "provider_callbacks" ("provider", "transaction_id")`);

    for (const sql of OUTBOX_TABLE_SQL) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['outbox', 'provider_callbacks', 'checkouts', 'payment_events', 'payments']) await q.query(`DROP TABLE "${t}"`);
  }
}
