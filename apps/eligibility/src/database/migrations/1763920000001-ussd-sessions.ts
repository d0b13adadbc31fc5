import { MigrationInterface, QueryRunner } from 'typeorm';

/** Server-side USSD sessions and each phone's menu language. */
export class UssdSessions1763920000001 implements MigrationInterface {
  name = 'UssdSessions1763920000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "ussd_sessions" (
      "session_key" character varying(192) NOT NULL,
      "phone" character varying(32) NOT NULL,
      "language" character varying(2),
      "state" jsonb NOT NULL,
      "input_count" integer NOT NULL DEFAULT 0,
      "last_reply" text,
      "ended" boolean NOT NULL DEFAULT false,
      "version" integer NOT NULL DEFAULT 1,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "PK_ussd_sessions" PRIMARY KEY ("session_key"))`);
    await q.query(`CREATE INDEX "ussd_sessions_expires_idx" ON "ussd_sessions" ("expires_at")`);
    await q.query(`CREATE TABLE "ussd_phone_languages" (
      "phone" character varying(32) NOT NULL,
      "language" character varying(2) NOT NULL,
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_ussd_phone_languages" PRIMARY KEY ("phone"))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "ussd_phone_languages"`);
    await q.query(`DROP TABLE "ussd_sessions"`);
  }
}
