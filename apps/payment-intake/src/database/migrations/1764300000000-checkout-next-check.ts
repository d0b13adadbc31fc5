import { MigrationInterface, QueryRunner } from 'typeorm';

/** The open MonCash orders become a platform work queue (the reconciler's): each has its own next check. */
export class CheckoutNextCheck1764300000000 implements MigrationInterface {
  name = 'CheckoutNextCheck1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "checkouts" ADD COLUMN "next_check_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    await q.query(`CREATE INDEX "checkouts_due_idx" ON "checkouts" ("next_check_at") WHERE payment_id IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "checkouts_due_idx"`);
    await q.query(`ALTER TABLE "checkouts" DROP COLUMN "next_check_at"`);
  }
}
