import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The programme side: companies, products, agents, budgets per tier, sales and the OMIS outbox. Money is
 * whole RWF in bigint columns; the budget checks make over-reserving impossible even for a buggy caller.
 */
export class Programme1763910000001 implements MigrationInterface {
  name = 'Programme1763910000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "companies" (
      "id" uuid NOT NULL,
      "code" character varying(32) NOT NULL,
      "name" character varying(120) NOT NULL,
      "active" boolean NOT NULL DEFAULT true,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_companies" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "companies_code_uq" ON "companies" ("code")`);

    await q.query(`CREATE TABLE "products" (
      "id" uuid NOT NULL,
      "company_id" uuid NOT NULL,
      "code" character varying(32) NOT NULL,
      "name" character varying(120) NOT NULL,
      "price_rwf" bigint NOT NULL,
      "incentive_cap_rwf" bigint NOT NULL,
      "active" boolean NOT NULL DEFAULT true,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_products" PRIMARY KEY ("id"),
      CONSTRAINT "products_amounts_check" CHECK ("price_rwf" > 0 AND "incentive_cap_rwf" > 0),
      CONSTRAINT "products_company_fk" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
    await q.query(`CREATE UNIQUE INDEX "products_company_code_uq" ON "products" ("company_id", "code")`);

    await q.query(`CREATE TABLE "agents" (
      "id" uuid NOT NULL,
      "phone" character varying(16) NOT NULL,
      "name" character varying(120) NOT NULL,
      "pin_hash" character varying(200) NOT NULL,
      "failed_pin_attempts" integer NOT NULL DEFAULT 0,
      "locked_until" TIMESTAMP WITH TIME ZONE,
      "active" boolean NOT NULL DEFAULT true,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_agents" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "agents_phone_uq" ON "agents" ("phone")`);

    await q.query(`CREATE TABLE "agent_companies" (
      "agent_id" uuid NOT NULL,
      "company_id" uuid NOT NULL,
      CONSTRAINT "PK_agent_companies" PRIMARY KEY ("agent_id", "company_id"),
      CONSTRAINT "agent_companies_agent_fk" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
      CONSTRAINT "agent_companies_company_fk" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
    await q.query(`CREATE INDEX "agent_companies_company_idx" ON "agent_companies" ("company_id")`);

    await q.query(`CREATE TABLE "budgets" (
      "tier" smallint NOT NULL,
      "total_rwf" bigint NOT NULL,
      "reserved_rwf" bigint NOT NULL DEFAULT 0,
      "spent_rwf" bigint NOT NULL DEFAULT 0,
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_budgets" PRIMARY KEY ("tier"),
      CONSTRAINT "budgets_within_total_check" CHECK ("reserved_rwf" + "spent_rwf" <= "total_rwf"),
      CONSTRAINT "budgets_non_negative_check" CHECK ("total_rwf" >= 0 AND "reserved_rwf" >= 0 AND "spent_rwf" >= 0))`);

    await q.query(`CREATE TABLE "sales" (
      "id" uuid NOT NULL,
      "reference" character varying(8) NOT NULL,
      "session_key" character varying(160) NOT NULL,
      "household_id" character varying(32) NOT NULL,
      "national_id" character varying(16) NOT NULL,
      "national_id_masked" character varying(16) NOT NULL,
      "category" character varying(8) NOT NULL,
      "tier" smallint NOT NULL,
      "incentive_percent" smallint NOT NULL,
      "company_id" uuid NOT NULL,
      "product_id" uuid NOT NULL,
      "agent_id" uuid NOT NULL,
      "price_rwf" bigint NOT NULL,
      "incentive_rwf" bigint NOT NULL,
      "province" character varying(64) NOT NULL,
      "district" character varying(64) NOT NULL,
      "sector" character varying(64) NOT NULL,
      "cell" character varying(64) NOT NULL,
      "village" character varying(64) NOT NULL,
      "status" character varying(24) NOT NULL DEFAULT 'pending_installation',
      "registered_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "reserved_until" TIMESTAMP WITH TIME ZONE NOT NULL,
      "confirmed_at" TIMESTAMP WITH TIME ZONE,
      "expired_at" TIMESTAMP WITH TIME ZONE,
      "voucher_number" character varying(16),
      "omis_status" character varying(16) NOT NULL DEFAULT 'pending',
      CONSTRAINT "PK_sales" PRIMARY KEY ("id"),
      CONSTRAINT "sales_status_check" CHECK ("status" IN ('pending_installation', 'confirmed', 'expired')),
      CONSTRAINT "sales_omis_status_check" CHECK ("omis_status" IN ('pending', 'sent', 'rejected')),
      CONSTRAINT "sales_amounts_check" CHECK ("price_rwf" > 0 AND "incentive_rwf" >= 0 AND "incentive_rwf" <= "price_rwf"),
      CONSTRAINT "sales_company_fk" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
      CONSTRAINT "sales_product_fk" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
      CONSTRAINT "sales_agent_fk" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
    await q.query(`CREATE UNIQUE INDEX "sales_reference_uq" ON "sales" ("reference")`);
    await q.query(`CREATE UNIQUE INDEX "sales_session_key_uq" ON "sales" ("session_key")`);
    // One subsidised system per household: at most one sale pending installation or confirmed.
    await q.query(`CREATE UNIQUE INDEX "sales_household_active_uq" ON "sales" ("household_id") WHERE "status" IN ('pending_installation', 'confirmed')`);
    await q.query(`CREATE INDEX "sales_pending_reserved_idx" ON "sales" ("reserved_until") WHERE "status" = 'pending_installation'`);
    await q.query(`CREATE INDEX "sales_registered_idx" ON "sales" ("registered_at")`);
    await q.query(`CREATE INDEX "sales_company_idx" ON "sales" ("company_id")`);

    await q.query(`CREATE TABLE "omis_outbox" (
      "id" bigserial NOT NULL,
      "sale_reference" character varying(8) NOT NULL,
      "kind" character varying(16) NOT NULL,
      "payload" jsonb NOT NULL,
      "attempts" integer NOT NULL DEFAULT 0,
      "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "sent_at" TIMESTAMP WITH TIME ZONE,
      "failed_at" TIMESTAMP WITH TIME ZONE,
      "last_error" character varying(500),
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_omis_outbox" PRIMARY KEY ("id"),
      CONSTRAINT "omis_outbox_kind_check" CHECK ("kind" IN ('register', 'confirm', 'cancel')))`);
    await q.query(`CREATE INDEX "omis_outbox_due_idx" ON "omis_outbox" ("next_attempt_at") WHERE "sent_at" IS NULL AND "failed_at" IS NULL`);
    await q.query(`CREATE INDEX "omis_outbox_sale_idx" ON "omis_outbox" ("sale_reference", "id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "omis_outbox"`);
    await q.query(`DROP TABLE "sales"`);
    await q.query(`DROP TABLE "budgets"`);
    await q.query(`DROP TABLE "agent_companies"`);
    await q.query(`DROP TABLE "agents"`);
    await q.query(`DROP TABLE "products"`);
    await q.query(`DROP TABLE "companies"`);
  }
}
