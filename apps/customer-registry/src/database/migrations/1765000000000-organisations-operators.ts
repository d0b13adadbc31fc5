import { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFAULT_ORGANISATION_ID } from '@limye/platform';

/**
 * The built-in issuer's tables: organisations (the default one always there: everything configured by env
 * belongs to it), operator users, their role in each organisation, API keys for integrations, and the
 * sign-in attempts per e-mail address that lock out a password guesser.
 */
export class OrganisationsOperators1765000000000 implements MigrationInterface {
  name = 'OrganisationsOperators1765000000000';

  async up(q: QueryRunner): Promise<void> {
    // The roles of libs/platform's ROLES when this was written; a migration's text never changes after.
    const roles = `'owner', 'admin', 'finance', 'field', 'viewer', 'programme'`;
    await q.query(`CREATE TABLE "organisations" (
      "id" uuid NOT NULL,
      "name" character varying(120) NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_organisations" PRIMARY KEY ("id"))`);
    // Its name can be set by LIMYE_DEFAULT_ORGANISATION_NAME at every start (OrganisationsService).
    await q.query(`INSERT INTO "organisations" ("id", "name") VALUES ($1, 'Demo organisation')`, [DEFAULT_ORGANISATION_ID]);

    await q.query(`CREATE TABLE "operator_users" (
      "id" uuid NOT NULL,
      "email" character varying(254) NOT NULL,
      "password_hash" character varying(255) NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "password_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_operator_users" PRIMARY KEY ("id"))`);
    // E-mail addresses are unique whatever their case: Demo@… and demo@… are one person.
    await q.query(`CREATE UNIQUE INDEX "operator_users_email_uq" ON "operator_users" (lower("email"))`);

    // A user's role in one organisation; disabling is per organisation too (an admin of one organisation
    // cannot shut a user out of another).
    await q.query(`CREATE TABLE "memberships" (
      "user_id" uuid NOT NULL,
      "organisation_id" uuid NOT NULL,
      "role" character varying(16) NOT NULL,
      "disabled_at" TIMESTAMP WITH TIME ZONE,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_memberships" PRIMARY KEY ("user_id", "organisation_id"),
      CONSTRAINT "memberships_role_check" CHECK ("role" IN (${roles})),
      CONSTRAINT "memberships_user_fk" FOREIGN KEY ("user_id") REFERENCES "operator_users"("id") ON DELETE CASCADE,
      CONSTRAINT "memberships_organisation_fk" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT)`);
    await q.query(`CREATE INDEX "memberships_organisation_idx" ON "memberships" ("organisation_id")`);

    await q.query(`CREATE TABLE "api_keys" (
      "id" uuid NOT NULL,
      "organisation_id" uuid NOT NULL,
      "name" character varying(120) NOT NULL,
      "role" character varying(16) NOT NULL,
      "secret_sha256" bytea NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "created_by" character varying(64) NOT NULL,
      "expires_at" TIMESTAMP WITH TIME ZONE,
      "last_used_at" TIMESTAMP WITH TIME ZONE,
      "revoked_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "PK_api_keys" PRIMARY KEY ("id"),
      CONSTRAINT "api_keys_role_check" CHECK ("role" IN (${roles})),
      CONSTRAINT "api_keys_organisation_fk" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT)`);
    await q.query(`CREATE INDEX "api_keys_organisation_idx" ON "api_keys" ("organisation_id")`);

    // Per e-mail address as typed (lower-cased), whether or not a user has it: a lockout that only known
    // addresses reach would tell a guesser which addresses exist.
    await q.query(`CREATE TABLE "sign_in_attempts" (
      "email" character varying(254) NOT NULL,
      "attempts" integer NOT NULL,
      "last_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "locked_until" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "PK_sign_in_attempts" PRIMARY KEY ("email"))`);
    await q.query(`CREATE INDEX "sign_in_attempts_last_attempt_idx" ON "sign_in_attempts" ("last_attempt_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "sign_in_attempts"`);
    await q.query(`DROP TABLE "api_keys"`);
    await q.query(`DROP TABLE "memberships"`);
    await q.query(`DROP TABLE "operator_users"`);
    await q.query(`DROP TABLE "organisations"`);
  }
}
