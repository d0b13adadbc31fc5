/**
 * The audit log table, one per service schema, created by each service's own migration (like the outbox).
 * Append-only: a trigger refuses UPDATE and DELETE row by row and TRUNCATE per statement, so neither a bug nor a
 * hand-typed statement can rewrite who did what. Dropping the table (a down migration) is still possible for
 * whoever owns the schema: that is a deliberate act, not a slip.
 */
export const AUDIT_LOG_TABLE_SQL = [
  `CREATE TABLE "audit_log" (
     "id" uuid NOT NULL,
     "organisation_id" uuid NOT NULL,
     "actor_kind" character varying(16) NOT NULL,
     "actor_id" character varying(128),
     "action" character varying(64) NOT NULL,
     "target_type" character varying(64) NOT NULL,
     "target_id" character varying(128) NOT NULL,
     "before" jsonb,
     "after" jsonb,
     "correlation_id" character varying(128),
     "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
     CONSTRAINT "PK_audit_log" PRIMARY KEY ("id"),
     CONSTRAINT "audit_log_actor_kind_check" CHECK ("actor_kind" IN ('user', 'api_key', 'system', 'anonymous')))`,
  // GET /v1/audit: one organisation's rows, newest first (the id breaks ties within one transaction's time).
  `CREATE INDEX "audit_log_org_at_idx" ON "audit_log" ("organisation_id", "at" DESC, "id" DESC)`,
  // The function is per schema (created in the migration's search_path), so every service's copy is its own.
  `CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege',
       HINT = 'audit rows are never changed or removed; record a new action instead';
   END $$`,
  `CREATE TRIGGER "audit_log_append_only" BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`,
  `CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`,
];

/** For a service migration's down(). */
export const AUDIT_LOG_DROP_SQL = [`DROP TABLE "audit_log"`, `DROP FUNCTION audit_log_refuse_change()`];
