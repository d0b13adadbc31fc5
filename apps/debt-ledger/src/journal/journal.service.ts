import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError, ErrorCodes, JournalEntryKind, LedgerAccountKind } from '@limye/contracts';
import { LedgerCheck, ledgerCheck } from './domain/ledger-check';
import { EntryDraft, IdempotentRequest, PostedEntry } from './domain/posted-entry';
import { assertBalanced } from './domain/posting-line';
import { JournalRepository } from './journal.repository';

export interface PostOutcome {
  entry: PostedEntry;
  /** True when the entry was already there: nothing was posted by this call. */
  replayed: boolean;
}

export interface PaymentEntriesView {
  paymentId: string;
  entries: Array<{
    id: string;
    kind: JournalEntryKind;
    idempotencyKey: string;
    description: string;
    createdAt: string;
    postings: Array<{ accountCode: string; accountKind: LedgerAccountKind; amountMinor: number; currency: string }>;
  }>;
}

@Injectable()
export class JournalService {
  constructor(private readonly journal: JournalRepository) {}

  /**
   * Posts the entry `buildDraft` describes under `request.key`, once, inside the caller's transaction.
   * A key already posted with the same request hash is a replay (its entry comes back, nothing is
   * posted); with another hash it is a conflict. `buildDraft` runs only for a new key, so its checks
   * (e.g. "the payment is allocated") never turn a replay into an error.
   */
  async postOnce(em: EntityManager, request: IdempotentRequest, buildDraft: () => Promise<EntryDraft>): Promise<PostOutcome> {
    const existing = await this.journal.findEntryByKey(em, request.key);
    if (existing) return this.replay(existing, request);

    const draft = await buildDraft();
    assertBalanced(draft.lines);
    const inserted = await this.journal.insertEntryIfNew(em, request, draft);
    if (!inserted) {
      // A concurrent request with this key committed first; ON CONFLICT waited for it, so it is visible now.
      const winner = await this.journal.findEntryByKey(em, request.key);
      if (!winner) throw new Error(`entry ${request.key} conflicted on insert but cannot be read`);
      return this.replay(winner, request);
    }
    const accountIds = await this.journal.ensureAccounts(em, draft.lines.map((l) => l.account));
    await this.journal.insertPostings(em, inserted.id, draft.lines, accountIds);
    return { entry: { ...draft, ...request, ...inserted }, replayed: false };
  }

  /** The posted entry under `key`, read in the caller's transaction. */
  findEntry(em: EntityManager, key: string): Promise<PostedEntry | null> {
    return this.journal.findEntryByKey(em, key);
  }

  async entriesOfPayment(paymentId: string): Promise<PaymentEntriesView> {
    const entries = await this.journal.findEntriesByPayment(paymentId);
    return {
      paymentId,
      entries: entries.map((e) => ({
        id: e.id,
        kind: e.kind,
        idempotencyKey: e.key,
        description: e.description,
        createdAt: e.createdAt.toISOString(),
        postings: e.lines.map((l) => ({ accountCode: l.account.code, accountKind: l.account.kind, amountMinor: l.amountMinor, currency: l.account.currency })),
      })),
    };
  }

  async check(): Promise<LedgerCheck> {
    const [totals, unbalanced] = await Promise.all([this.journal.totalsByCurrency(), this.journal.unbalancedEntryIds()]);
    return ledgerCheck(totals, unbalanced);
  }

  private replay(entry: PostedEntry, request: IdempotentRequest): PostOutcome {
    if (entry.requestHash !== request.requestHash) {
      throw new DomainError(ErrorCodes.ledgerConflict, `${request.key} was already posted for a different request`, 409);
    }
    return { entry, replayed: true };
  }
}
