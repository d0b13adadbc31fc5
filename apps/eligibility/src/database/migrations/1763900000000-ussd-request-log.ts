import { MigrationInterface, QueryRunner } from 'typeorm';

/** The request log gets what programme staff need in the CSV: full phone, language, input (masked), NID (masked), timing. */
export class UssdRequestLog1763900000000 implements MigrationInterface {
  name = 'UssdRequestLog1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "ussd_requests" RENAME COLUMN "phone_masked" TO "phone"`);
    await q.query(`ALTER TABLE "ussd_requests"
      ADD COLUMN "network_code" character varying(16),
      ADD COLUMN "language" character varying(2),
      ADD COLUMN "input_masked" character varying(64),
      ADD COLUMN "national_id_masked" character varying(16),
      ADD COLUMN "duration_ms" integer`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "ussd_requests" DROP COLUMN "network_code", DROP COLUMN "language", DROP COLUMN "input_masked", DROP COLUMN "national_id_masked", DROP COLUMN "duration_ms"`);
    await q.query(`ALTER TABLE "ussd_requests" RENAME COLUMN "phone" TO "phone_masked"`);
  }
}
