import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { JournalEntryKind, LedgerAccountKind, toSafeInteger } from '@limye/contracts';
import { CurrencyTotal } from './domain/ledger-check';
import { EntryDraft, IdempotentRequest, PostedEntry } from './domain/posted-entry';
import { LedgerAccountRef, PostingLine } from './domain/posting-line';

interface EntryPostingRow {
  id: string;
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
  SELECT e.id, e.kind, e.payment_id, e.idempotency_key, e.request_hash, e.description, e.created_at,
         p.amount_minor, a.code AS account_code, a.kind AS account_kind, a.currency AS account_currency, a.customer_id
  FROM journal_entries e
  JOIN postings p ON p.entry_id = e.id
  JOIN accounts a ON a.id = p.account_id`;

/** The journal's SQL. Writes take the caller's transaction; reads default to a plain connection. */
@Injectable()
export class JournalRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts the entry unless its key exists (then null). A concurrent insert of the key is waited for. */
  async insertEntryIfNew(em: EntityManager, request: IdempotentRequest, draft: EntryDraft): Promise<{ id: string; createdAt: Date } | null> {
    const rows: Array<{ id: string; created_at: Date }> = await em.query(
      `INSERT INTO journal_entries (idempotency_key, kind, payment_id, description, request_hash)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING id, created_at`,
      [request.key, draft.kind, draft.paymentId, draft.description, request.requestHash],
    );
    return rows.length ? { id: rows[0].id, createdAt: rows[0].created_at } : null;
  }

  /**
   * Creates missing accounts and returns the id of each, by code. Inserts go in code order so that
   * concurrent transactions touching the same accounts take their locks in the same order.
   */
  async ensureAccounts(em: EntityManager, accounts: readonly LedgerAccountRef[]): Promise<Map<string, string>> {
    const unique = [...new Map(accounts.map((a) => [a.code, a])).values()].sort((a, b) => (a.code < b.code ? -1 : 1));
    const codes = unique.map((a) => a.code);
    await em.query(
      `INSERT INTO accounts (code, kind, currency, customer_id)
       SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::uuid[]) ORDER BY 1
       ON CONFLICT (code) DO NOTHING`,
      [codes, unique.map((a) => a.kind), unique.map((a) => a.currency), unique.map((a) => a.customerId)],
    );
    const rows: Array<{ id: string; code: string }> = await em.query(`SELECT id, code FROM accounts WHERE code = ANY($1::varchar[])`, [codes]);
    return new Map(rows.map((r) => [r.code, r.id]));
  }

  async insertPostings(em: EntityManager, entryId: string, lines: readonly PostingLine[], accountIds: ReadonlyMap<string, string>): Promise<void> {
    await em.query(
      `INSERT INTO postings (entry_id, account_id, amount_minor, currency)
       SELECT $1, * FROM unnest($2::uuid[], $3::bigint[], $4::varchar[])`,
      [entryId, lines.map((l) => accountIds.get(l.account.code)), lines.map((l) => String(l.amountMinor)), lines.map((l) => l.account.currency)],
    );
  }

  async findEntryByKey(em: EntityManager, key: string): Promise<PostedEntry | null> {
    const rows: EntryPostingRow[] = await em.query(`${ENTRY_WITH_POSTINGS} WHERE e.idempotency_key = $1 ORDER BY p.id`, [key]);
    return toEntries(rows)[0] ?? null;
  }

  async findEntriesByPayment(paymentId: string, em: EntityManager = this.dataSource.manager): Promise<PostedEntry[]> {
    const rows: EntryPostingRow[] = await em.query(`${ENTRY_WITH_POSTINGS} WHERE e.payment_id = $1 ORDER BY e.created_at, e.id, p.id`, [paymentId]);
    return toEntries(rows);
  }

  async totalsByCurrency(em: EntityManager = this.dataSource.manager): Promise<CurrencyTotal[]> {
    const rows: Array<{ currency: string; sum: string }> = await em.query(
      `SELECT currency, sum(amount_minor)::text AS sum FROM postings GROUP BY currency ORDER BY currency`,
    );
    return rows.map((r) => ({ currency: r.currency, sum: toSafeInteger(r.sum) }));
  }

  /** Entries without two postings or whose postings do not sum to zero in some currency. */
  async unbalancedEntryIds(em: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows: Array<{ id: string }> = await em.query(
      `SELECT e.id FROM journal_entries e
       WHERE (SELECT count(*) FROM postings p WHERE p.entry_id = e.id) < 2
          OR EXISTS (SELECT 1 FROM postings p WHERE p.entry_id = e.id GROUP BY p.currency HAVING sum(p.amount_minor) <> 0)
       ORDER BY e.created_at, e.id`,
    );
    return rows.map((r) => r.id);
  }
}

/** Folds rows (one per posting, grouped by entry in query order) into entries. */
function toEntries(rows: readonly EntryPostingRow[]): PostedEntry[] {
  const entries = new Map<string, PostedEntry>();
  for (const r of rows) {
    let entry = entries.get(r.id);
    if (!entry) {
      entry = {
        id: r.id,
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
