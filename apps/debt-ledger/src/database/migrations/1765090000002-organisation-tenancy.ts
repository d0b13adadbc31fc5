import { DEFAULT_ORGANISATION_ID } from '@limye/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every account and journal entry belongs to an organisation (tenancy); postings are their entry's. Rows
 * written before organisations existed are the default organisation's (adding a column with a constant
 * default rewrites no row, so the immutability triggers are not involved), and the defaults are dropped
 * afterwards so new code must say whose an entry is. Account codes and idempotency keys are unique per
 * organisation: each has its own provider clearing account, and its own books.
 */
export class OrganisationTenancy1765090000002 implements MigrationInterface {
  name = 'OrganisationTenancy1765090000002';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['accounts', 'journal_entries']) {
      await q.query(`ALTER TABLE "${table}" ADD COLUMN "organisation_id" uuid NOT NULL DEFAULT '${DEFAULT_ORGANISATION_ID}'`);
      await q.query(`ALTER TABLE "${table}" ALTER COLUMN "organisation_id" DROP DEFAULT`);
    }
    await q.query(`DROP INDEX "accounts_code_uq"`);
    await q.query(`CREATE UNIQUE INDEX "accounts_code_uq" ON "accounts" ("organisation_id", "code")`);
    await q.query(`DROP INDEX "accounts_customer_idx"`);
    await q.query(`CREATE INDEX "accounts_customer_idx" ON "accounts" ("organisation_id", "customer_id")`);
    await q.query(`DROP INDEX "journal_entries_idempotency_key_uq"`);
    await q.query(`CREATE UNIQUE INDEX "journal_entries_idempotency_key_uq" ON "journal_entries" ("organisation_id", "idempotency_key")`);
    await q.query(`DROP INDEX "journal_entries_payment_idx"`);
    await q.query(`CREATE INDEX "journal_entries_payment_idx" ON "journal_entries" ("organisation_id", "payment_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "journal_entries_payment_idx"`);
    await q.query(`CREATE INDEX "journal_entries_payment_idx" ON "journal_entries" ("payment_id")`);
    await q.query(`DROP INDEX "journal_entries_idempotency_key_uq"`);
    await q.query(`CREATE UNIQUE INDEX "journal_entries_idempotency_key_uq" ON "journal_entries" ("idempotency_key")`);
    await q.query(`DROP INDEX "accounts_customer_idx"`);
    await q.query(`CREATE INDEX "accounts_customer_idx" ON "accounts" ("customer_id")`);
    await q.query(`DROP INDEX "accounts_code_uq"`);
    await q.query(`CREATE UNIQUE INDEX "accounts_code_uq" ON "accounts" ("code")`);
    for (const table of ['journal_entries', 'accounts']) await q.query(`ALTER TABLE "${table}" DROP COLUMN "organisation_id"`);
  }
}
