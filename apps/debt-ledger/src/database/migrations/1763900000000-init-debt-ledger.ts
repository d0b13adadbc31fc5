import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitDebtLedger1763900000000 implements MigrationInterface {
  name = 'InitDebtLedger1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "accounts" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "code" character varying(128) NOT NULL,
      "kind" character varying(32) NOT NULL,
      "currency" character varying(3) NOT NULL,
      "customer_id" uuid,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "accounts_kind_ck" CHECK ("kind" IN ('provider_clearing', 'energy_credit', 'energy_delivered')),
      CONSTRAINT "accounts_owner_ck" CHECK (("kind" = 'provider_clearing') = ("customer_id" IS NULL)),
      CONSTRAINT "PK_accounts" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "accounts_code_uq" ON "accounts" ("code")`);
    await q.query(`CREATE INDEX "accounts_customer_idx" ON "accounts" ("customer_id")`);

    await q.query(`CREATE TABLE "journal_entries" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "idempotency_key" character varying(128) NOT NULL,
      "kind" character varying(32) NOT NULL,
      "payment_id" uuid NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "description" text NOT NULL,
      "request_hash" character varying(64) NOT NULL,
      CONSTRAINT "journal_entries_kind_ck" CHECK ("kind" IN ('payment_allocation', 'energy_delivery')),
      CONSTRAINT "PK_journal_entries" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "journal_entries_idempotency_key_uq" ON "journal_entries" ("idempotency_key")`);
    await q.query(`CREATE INDEX "journal_entries_payment_idx" ON "journal_entries" ("payment_id")`);

    await q.query(`CREATE TABLE "postings" (
      "id" bigserial NOT NULL,
      "entry_id" uuid NOT NULL,
      "account_id" uuid NOT NULL,
      "amount_minor" bigint NOT NULL,
      "currency" character varying(3) NOT NULL,
      CONSTRAINT "postings_amount_nonzero_ck" CHECK ("amount_minor" <> 0),
      CONSTRAINT "PK_postings" PRIMARY KEY ("id"),
      CONSTRAINT "postings_entry_fk" FOREIGN KEY ("entry_id") REFERENCES "journal_entries"("id") ON DELETE NO ACTION ON UPDATE NO ACTION,
      CONSTRAINT "postings_account_fk" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE NO ACTION ON UPDATE NO ACTION)`);
    await q.query(`CREATE INDEX "postings_entry_idx" ON "postings" ("entry_id")`);
    await q.query(`CREATE INDEX "postings_account_idx" ON "postings" ("account_id")`);

    // The ledger is append-only: a mistake is corrected by a reversing entry, never by editing history.
    // SET search_path FROM CURRENT pins the service schema, so the functions work from any session.
    await q.query(`CREATE FUNCTION "ledger_reject_change"() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        RAISE EXCEPTION 'ledger rows are immutable: % on % is not allowed, post a reversing entry instead', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'restrict_violation';
      END $$`);
    for (const table of ['journal_entries', 'postings']) {
      await q.query(`CREATE TRIGGER "${table}_immutable" BEFORE UPDATE OR DELETE ON "${table}"
        FOR EACH ROW EXECUTE FUNCTION "ledger_reject_change"()`);
      await q.query(`CREATE TRIGGER "${table}_no_truncate" BEFORE TRUNCATE ON "${table}"
        FOR EACH STATEMENT EXECUTE FUNCTION "ledger_reject_change"()`);
    }

    // Second line of defence behind the domain check: at commit, every entry written in the transaction
    // has at least two postings, sums to zero per currency, and posts only to accounts in its currency.
    await q.query(`CREATE FUNCTION "ledger_assert_entry_balanced"() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      DECLARE
        entry uuid;
        n bigint;
        wrong_currency boolean;
        unbalanced boolean;
      BEGIN
        IF TG_TABLE_NAME = 'postings' THEN
          entry := NEW.entry_id;
        ELSE
          entry := NEW.id;
        END IF;
        -- One statement answers all three questions: this runs for every row inserted, at commit.
        SELECT count(*), coalesce(bool_or(a.currency <> p.currency), false),
               coalesce((SELECT bool_or(t.total <> 0) FROM (SELECT sum(amount_minor) AS total FROM postings
                                                            WHERE entry_id = entry GROUP BY currency) t), false)
          INTO n, wrong_currency, unbalanced
          FROM postings p JOIN accounts a ON a.id = p.account_id
         WHERE p.entry_id = entry;
        IF n < 2 THEN
          RAISE EXCEPTION 'journal entry % has fewer than two postings', entry USING ERRCODE = 'check_violation';
        END IF;
        IF unbalanced THEN
          RAISE EXCEPTION 'journal entry % does not balance', entry USING ERRCODE = 'check_violation';
        END IF;
        IF wrong_currency THEN
          RAISE EXCEPTION 'journal entry % posts to an account in another currency', entry USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$`);
    for (const table of ['journal_entries', 'postings']) {
      await q.query(`CREATE CONSTRAINT TRIGGER "${table}_balanced" AFTER INSERT ON "${table}"
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "ledger_assert_entry_balanced"()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    // DROP TABLE fires no row triggers, so the immutability triggers do not get in the way.
    await q.query(`DROP TABLE "postings"`);
    await q.query(`DROP TABLE "journal_entries"`);
    await q.query(`DROP TABLE "accounts"`);
    await q.query(`DROP FUNCTION "ledger_assert_entry_balanced"()`);
    await q.query(`DROP FUNCTION "ledger_reject_change"()`);
  }
}
