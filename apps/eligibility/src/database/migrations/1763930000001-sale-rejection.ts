import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A sale whose registration OMIS refused becomes `rejected` (its incentive back in the budget), with when
 * and why. The household's unique index (pending_installation, confirmed) is unchanged: a rejected sale
 * does not block the household.
 */
export class SaleRejection1763930000001 implements MigrationInterface {
  name = 'SaleRejection1763930000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "sales" DROP CONSTRAINT "sales_status_check"`);
    await q.query(`ALTER TABLE "sales" ADD CONSTRAINT "sales_status_check" CHECK ("status" IN ('pending_installation', 'confirmed', 'expired', 'rejected'))`);
    await q.query(`ALTER TABLE "sales" ADD "rejected_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "sales" ADD "rejection_reason" character varying(200)`);
  }

  async down(q: QueryRunner): Promise<void> {
    // A rejected sale has no earlier status to go back to; expired is the nearest (no incentive held).
    await q.query(`UPDATE "sales" SET "status" = 'expired', "expired_at" = COALESCE("expired_at", "rejected_at") WHERE "status" = 'rejected'`);
    await q.query(`ALTER TABLE "sales" DROP COLUMN "rejection_reason"`);
    await q.query(`ALTER TABLE "sales" DROP COLUMN "rejected_at"`);
    await q.query(`ALTER TABLE "sales" DROP CONSTRAINT "sales_status_check"`);
    await q.query(`ALTER TABLE "sales" ADD CONSTRAINT "sales_status_check" CHECK ("status" IN ('pending_installation', 'confirmed', 'expired'))`);
  }
}
