import { MigrationInterface, QueryRunner } from 'typeorm';

/** The check of the first migration, as it was: it runs for every row inserted, entries and postings alike. */
const CHECK_EVERY_ROW = `CREATE OR REPLACE FUNCTION "ledger_assert_entry_balanced"() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
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
      END $$`;

/**
 * The balance check once per entry instead of once per inserted row (an entry and its two postings ran the
 * same check three times at commit). Same triggers, same rule: at commit every entry written has at least two
 * postings, sums to zero per currency, and posts only to accounts in its currency.
 *
 * How a posting's check is skipped without a hole: a completed check remembers, for this transaction only
 * (set_config(…, true)), which entry it checked and the highest posting id it saw. A posting's trigger skips
 * only when that same transaction has already checked its entry *including this posting* (its id is not above
 * the one remembered); any other posting — a later one for an old entry, one added after its entry was checked
 * (SET CONSTRAINTS … IMMEDIATE), one of another entry — runs the whole check as before. The entry's own
 * trigger (queued first, so it usually runs first) always checks.
 */
export class BalanceCheckOncePerEntry1764400000000 implements MigrationInterface {
  name = 'BalanceCheckOncePerEntry1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION "ledger_assert_entry_balanced"() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      DECLARE
        entry uuid;
        n bigint;
        last_posting bigint;
        wrong_currency boolean;
        unbalanced boolean;
        checked text;
      BEGIN
        IF TG_TABLE_NAME = 'postings' THEN
          entry := NEW.entry_id;
          -- 'entry id:highest posting id' of the last check completed in this transaction.
          checked := current_setting('limye.ledger_checked', true);
          IF checked IS NOT NULL AND checked <> '' AND split_part(checked, ':', 1) = entry::text
             AND NEW.id <= split_part(checked, ':', 2)::bigint THEN
            RETURN NULL;
          END IF;
        ELSE
          entry := NEW.id;
        END IF;
        SELECT count(*), max(p.id), coalesce(bool_or(a.currency <> p.currency), false),
               coalesce((SELECT bool_or(t.total <> 0) FROM (SELECT sum(amount_minor) AS total FROM postings
                                                            WHERE entry_id = entry GROUP BY currency) t), false)
          INTO n, last_posting, wrong_currency, unbalanced
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
        PERFORM set_config('limye.ledger_checked', entry::text || ':' || last_posting::text, true);
        RETURN NULL;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(CHECK_EVERY_ROW);
  }
}
