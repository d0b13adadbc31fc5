import { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFAULT_ORGANISATION_ID } from '@limye/platform';

/** Tables whose every row belongs to one organisation (the RBF programme that runs it). */
const OWNED = ['companies', 'products', 'agents', 'agent_companies', 'budgets', 'sales', 'omis_outbox', 'ussd_requests', 'ussd_sessions'];

/**
 * Organisations (tenancy) in the eligibility service: every programme record and every USSD session and
 * request-log row carries its organisation; rows written before organisations existed belong to the
 * default one. What identifies something within a programme becomes unique per organisation: company codes
 * (products were already unique per company), budgets per (organisation, tier), one active sale per
 * household per organisation. What identifies something on the shared national channel stays unique
 * across organisations: an agent's phone (the USSD gateway finds the agent, and so the organisation, from
 * the phone that dials), sale references and USSD session keys.
 */
export class ProgrammeOrganisation1764300000001 implements MigrationInterface {
  name = 'ProgrammeOrganisation1764300000001';

  async up(q: QueryRunner): Promise<void> {
    for (const table of OWNED) {
      await q.query(`ALTER TABLE "${table}" ADD "organisation_id" uuid NOT NULL DEFAULT '${DEFAULT_ORGANISATION_ID}'`);
      // From now on every writer names the organisation: no default to fall back on by mistake.
      await q.query(`ALTER TABLE "${table}" ALTER COLUMN "organisation_id" DROP DEFAULT`);
    }
    await q.query(`DROP INDEX "companies_code_uq"`);
    await q.query(`CREATE UNIQUE INDEX "companies_organisation_code_uq" ON "companies" ("organisation_id", "code")`);
    await q.query(`CREATE INDEX "agents_organisation_idx" ON "agents" ("organisation_id")`);
    await q.query(`ALTER TABLE "budgets" DROP CONSTRAINT "PK_budgets"`);
    await q.query(`ALTER TABLE "budgets" ADD CONSTRAINT "PK_budgets" PRIMARY KEY ("organisation_id", "tier")`);
    await q.query(`DROP INDEX "sales_household_active_uq"`);
    await q.query(
      `CREATE UNIQUE INDEX "sales_organisation_household_active_uq" ON "sales" ("organisation_id", "household_id") WHERE "status" IN ('pending_installation', 'confirmed')`,
    );
    await q.query(`DROP INDEX "sales_registered_idx"`);
    await q.query(`CREATE INDEX "sales_organisation_registered_idx" ON "sales" ("organisation_id", "registered_at")`);
    await q.query(`CREATE INDEX "ussd_requests_organisation_received_idx" ON "ussd_requests" ("organisation_id", "received_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ussd_requests_organisation_received_idx"`);
    await q.query(`DROP INDEX "sales_organisation_registered_idx"`);
    await q.query(`CREATE INDEX "sales_registered_idx" ON "sales" ("registered_at")`);
    await q.query(`DROP INDEX "sales_organisation_household_active_uq"`);
    // These fail (as they should) while two organisations hold the same household, tier or company code.
    await q.query(`CREATE UNIQUE INDEX "sales_household_active_uq" ON "sales" ("household_id") WHERE "status" IN ('pending_installation', 'confirmed')`);
    await q.query(`ALTER TABLE "budgets" DROP CONSTRAINT "PK_budgets"`);
    await q.query(`ALTER TABLE "budgets" ADD CONSTRAINT "PK_budgets" PRIMARY KEY ("tier")`);
    await q.query(`DROP INDEX "agents_organisation_idx"`);
    await q.query(`DROP INDEX "companies_organisation_code_uq"`);
    await q.query(`CREATE UNIQUE INDEX "companies_code_uq" ON "companies" ("code")`);
    for (const table of [...OWNED].reverse()) await q.query(`ALTER TABLE "${table}" DROP COLUMN "organisation_id"`);
  }
}
