import { preparedQuery } from '@limye/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { JournalEntryKind, LedgerAccountKind, toSafeInteger } from '@limye/contracts';
import { CurrencyTotal } from './domain/ledger-check';
import { EntryDraft, IdempotentRequest, PostedEntry } from './domain/posted-entry';

interface EntryPostingRow {
  id: string;
  organisation_id: string;
  kind: JournalEntryKind;
  payment_id: string;
  idempotency_key: string;
  request_hash: string;
  description: string;
  created_at: Date;
  amount_minor: string;
  account_code: string;
  account_kind: LedgerAccountKind;
  account_currency: string;
  customer_id: string | null;
}

const ENTRY_WITH_POSTINGS = `
  SELECT e.id, e.organisation_id, e.kind, e.payment_id, e.idempotency_key, e.request_hash, e.description, e.created_at,
         p.amount_minor, a.code AS account_code, a.kind AS account_kind, a.currency AS account_currency, a.customer_id
  FROM journal_entries e
  JOIN postings p ON p.entry_id = e.id
  JOIN accounts a ON a.id = p.account_id`;

/**
 * Postgres reports this when postEntry could not see the id of an account it needs; see there.
 * TypeORM copies the driver error's fields (code, table, column) onto the error it throws.
 */
export function isUnseenAccountError(err: unknown): boolean {
  const e = err as { code?: string; table?: string; column?: string } | null;
  return e?.code === '23502' && e.table === 'postings' && e.column === 'account_id';
}

/**
 * The journal's SQL, one statement per method, each on its own connection checkout. A single statement
 * is atomic by itself, so writes need no BEGIN/COMMIT round trips; the deferred balance trigger still
 * runs at its (implicit) commit.
 */
@Injectable()
export class JournalRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Posts the entry and its postings in one statement, creating missing accounts, unless the key is
   * taken: then it writes nothing and answers null. A concurrent insert of the key is waited for.
   *
   * Why one statement with data-modifying CTEs: it saves the BEGIN, COMMIT and one round trip per step.
   * - `entry` inserts the journal entry; ON CONFLICT leaves it out when the key is taken, and every
   *   later step reads `entry`, so then nothing else is written (no accounts either, as before).
   * - `new_accounts` creates missing accounts in code order, so that concurrent writers creating the
   *   same accounts take their locks in the same order. Rows a CTE inserts are invisible to the rest
   *   of the statement, so `account_ids` adds its RETURNING to the accounts that existed already.
   * - `new_postings` inserts the lines in order (posting ids follow the lines).
   *
   * One race remains: when a concurrent statement creates one of our accounts and commits after this
   * statement's snapshot was taken, ON CONFLICT skips it and the snapshot cannot see it, so its id is
   * NULL and the posting's NOT NULL fails the whole statement (see isUnseenAccountError). A retry,
   * with a new snapshot, sees that account.
   */
  async postEntry(request: IdempotentRequest, draft: EntryDraft): Promise<{ id: string; createdAt: Date } | null> {
    const rows = await preparedQuery<{ id: string; created_at: Date }>(this.dataSource, POST_ENTRY, postEntryParams(request, draft));
    return rows.length ? { id: rows[0].id, createdAt: rows[0].created_at } : null;
  }

  /**
   * postEntry for a delivery, in the same one statement, only when `allocation` (the payment's allocation entry,
   * by its key) is one the delivery may be recorded against: it has a customer line, every customer line is of
   * `customerId` in `currency`, and it made at least `amountMinor` energy credit — exactly when deliveryProblem
   * finds none. Null when it wrote nothing: the key is taken (a replay or a conflict) or the allocation does not
   * allow it (missing, another customer, too little); the caller then reads both and answers as before. Allocation
   * entries are immutable, so the check cannot go stale before the write commits.
   */
  async postDeliveryIfAllocated(
    request: IdempotentRequest,
    draft: EntryDraft,
    allocation: { key: string; customerId: string; currency: string; amountMinor: number },
  ): Promise<{ id: string; createdAt: Date } | null> {
    const rows = await preparedQuery<{ id: string; created_at: Date }>(this.dataSource, POST_DELIVERY_IF_ALLOCATED, [
      ...postEntryParams(request, draft),
      allocation.key, allocation.customerId, allocation.currency, String(allocation.amountMinor),
    ]);
    return rows.length ? { id: rows[0].id, createdAt: rows[0].created_at } : null;
  }

  /** `organisationId`'s posted entries under these keys (those that exist), in one SELECT. */
  async findEntriesByKeys(organisationId: string, keys: readonly string[]): Promise<PostedEntry[]> {
    // Deliberately not a prepared statement: a generic plan cached while the journal was still small
    // keeps scanning it whole as it grows; a custom plan per call uses the key index.
    const rows: EntryPostingRow[] = await this.dataSource.query(`${ENTRY_WITH_POSTINGS} WHERE e.organisation_id = $2 AND e.idempotency_key = ANY($1::varchar[]) ORDER BY p.id`, [keys, organisationId]);
    return toEntries(rows);
  }

  async findEntriesByPayment(organisationId: string, paymentId: string, em: EntityManager = this.dataSource.manager): Promise<PostedEntry[]> {
    const rows: EntryPostingRow[] = await em.query(`${ENTRY_WITH_POSTINGS} WHERE e.organisation_id = $2 AND e.payment_id = $1 ORDER BY e.created_at, e.id, p.id`, [paymentId, organisationId]);
    return toEntries(rows);
  }

  /** Sums of `organisationId`'s postings per currency (through their entries). */
  async totalsByCurrency(organisationId: string, em: EntityManager = this.dataSource.manager): Promise<CurrencyTotal[]> {
    const rows: Array<{ currency: string; sum: string }> = await em.query(
      `SELECT p.currency, sum(p.amount_minor)::text AS sum FROM postings p JOIN journal_entries e ON e.id = p.entry_id
       WHERE e.organisation_id = $1 GROUP BY p.currency ORDER BY p.currency`,
      [organisationId],
    );
    return rows.map((r) => ({ currency: r.currency, sum: toSafeInteger(r.sum) }));
  }

  /** `organisationId`'s entries without two postings or whose postings do not sum to zero in some currency. */
  async unbalancedEntryIds(organisationId: string, em: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows: Array<{ id: string }> = await em.query(
      `SELECT e.id FROM journal_entries e
       WHERE e.organisation_id = $1
         AND ((SELECT count(*) FROM postings p WHERE p.entry_id = e.id) < 2
          OR EXISTS (SELECT 1 FROM postings p WHERE p.entry_id = e.id GROUP BY p.currency HAVING sum(p.amount_minor) <> 0))
       ORDER BY e.created_at, e.id`,
      [organisationId],
    );
    return rows.map((r) => r.id);
  }
}

/**
 * The statement of JournalRepository.postEntry; `condition` (SQL over $14…) must hold for the entry to be
 * inserted (postDeliveryIfAllocated's allocation check). Parameters $1–$13: postEntryParams ($13 the organisation,
 * whose entry and accounts these are).
 */
function postEntrySql(condition = 'true'): string {
  return `WITH entry AS (
         INSERT INTO journal_entries (organisation_id, idempotency_key, kind, payment_id, description, request_hash)
         SELECT $13::uuid, $1::varchar, $2::varchar, $3::uuid, $4::text, $5::varchar WHERE ${condition}
         ON CONFLICT (organisation_id, idempotency_key) DO NOTHING
         RETURNING id, created_at
       ), new_accounts AS (
         INSERT INTO accounts (organisation_id, code, kind, currency, customer_id)
         SELECT $13::uuid, a.* FROM unnest($6::varchar[], $7::varchar[], $8::varchar[], $9::uuid[]) AS a(code, kind, currency, customer_id)
         WHERE EXISTS (SELECT 1 FROM entry)
         ORDER BY a.code
         ON CONFLICT (organisation_id, code) DO NOTHING
         RETURNING id, code
       ), account_ids AS (
         SELECT id, code FROM new_accounts
         UNION ALL
         SELECT id, code FROM accounts WHERE organisation_id = $13::uuid AND code = ANY($6::varchar[])
       ), new_postings AS (
         INSERT INTO postings (entry_id, account_id, amount_minor, currency)
         SELECT entry.id, account_ids.id, line.amount_minor, line.currency
         FROM entry
         CROSS JOIN unnest($10::varchar[], $11::bigint[], $12::varchar[]) WITH ORDINALITY AS line(code, amount_minor, currency, n)
         LEFT JOIN account_ids ON account_ids.code = line.code
         ORDER BY line.n
       )
       SELECT id, created_at FROM entry`;
}

const POST_ENTRY = postEntrySql();

/**
 * deliveryProblem's checks on the organisation's ($13) allocation entry keyed $14, for customer $15, currency $16,
 * amount $17: another organisation's allocation under the same key never allows it.
 */
const POST_DELIVERY_IF_ALLOCATED = postEntrySql(`(
           SELECT count(*) FILTER (WHERE a.customer_id IS NOT NULL) > 0
              AND bool_and(a.customer_id IS NULL OR (a.customer_id = $15::uuid AND a.currency = $16::varchar))
              AND -coalesce(sum(p.amount_minor) FILTER (WHERE a.kind = 'energy_credit'), 0) >= $17::bigint
           FROM journal_entries ae JOIN postings p ON p.entry_id = ae.id JOIN accounts a ON a.id = p.account_id
           WHERE ae.organisation_id = $13::uuid AND ae.idempotency_key = $14::varchar
         ) IS TRUE`);

function postEntryParams(request: IdempotentRequest, draft: EntryDraft): unknown[] {
  const accounts = [...new Map(draft.lines.map((l) => [l.account.code, l.account])).values()].sort((a, b) => (a.code < b.code ? -1 : 1));
  return [
    request.key, draft.kind, draft.paymentId, draft.description, request.requestHash,
    accounts.map((a) => a.code), accounts.map((a) => a.kind), accounts.map((a) => a.currency), accounts.map((a) => a.customerId),
    draft.lines.map((l) => l.account.code), draft.lines.map((l) => String(l.amountMinor)), draft.lines.map((l) => l.account.currency),
    draft.organisationId,
  ];
}

/** Folds rows (one per posting, grouped by entry in query order) into entries. */
function toEntries(rows: readonly EntryPostingRow[]): PostedEntry[] {
  const entries = new Map<string, PostedEntry>();
  for (const r of rows) {
    let entry = entries.get(r.id);
    if (!entry) {
      entry = {
        id: r.id,
        organisationId: r.organisation_id,
        kind: r.kind,
        paymentId: r.payment_id,
        key: r.idempotency_key,
        requestHash: r.request_hash,
        description: r.description,
        createdAt: r.created_at,
        lines: [],
      };
      entries.set(r.id, entry);
    }
    entry.lines.push({
      account: { code: r.account_code, kind: r.account_kind, currency: r.account_currency, customerId: r.customer_id },
      amountMinor: toSafeInteger(r.amount_minor),
    });
  }
  return [...entries.values()];
}
