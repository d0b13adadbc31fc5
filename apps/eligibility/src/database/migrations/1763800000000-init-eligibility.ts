import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitEligibility1763800000000 implements MigrationInterface {
  name = 'InitEligibility1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "ussd_requests" (
      "id" bigserial NOT NULL,
      "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "gateway" character varying(32) NOT NULL,
      "session_id" character varying(128) NOT NULL,
      "phone_masked" character varying(32) NOT NULL,
      "service_code" character varying(32),
      "screen" character varying(64) NOT NULL,
      "outcome" character varying(64) NOT NULL,
      CONSTRAINT "PK_ussd_requests" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ussd_requests_received_idx" ON "ussd_requests" ("received_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "ussd_requests"`);
  }
}
