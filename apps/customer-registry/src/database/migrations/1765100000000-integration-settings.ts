import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each organisation's settings for an outside system (MonCash, SparkMeter, …): options in clear, secrets as
 * one AES-256-GCM sealed value (LIMYE_SECRETS_KEY) bound to organisation and system; `secret_fields` names
 * which secrets are set, so the API can say so without opening them.
 */
export class IntegrationSettings1765100000000 implements MigrationInterface {
  name = 'IntegrationSettings1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "integration_settings" (
        "organisation_id" uuid NOT NULL REFERENCES "organisations" ("id"),
        "system" text NOT NULL,
        "options" jsonb NOT NULL,
        "sealed_secrets" text NOT NULL,
        "secret_fields" text[] NOT NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        "updated_by" text NOT NULL,
        "version" integer NOT NULL DEFAULT 1,
        PRIMARY KEY ("organisation_id", "system")
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "integration_settings"`);
  }
}
