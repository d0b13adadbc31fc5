import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a "latest input only" gateway's copy of a hop is recognised by: the session's last input (never a
 * PIN) and when its reply was saved.
 */
export class UssdSessionLastInput1763940000001 implements MigrationInterface {
  name = 'UssdSessionLastInput1763940000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "ussd_sessions" ADD "last_input" character varying(64)`);
    await q.query(`ALTER TABLE "ussd_sessions" ADD "replied_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "ussd_sessions" DROP COLUMN "replied_at"`);
    await q.query(`ALTER TABLE "ussd_sessions" DROP COLUMN "last_input"`);
  }
}
