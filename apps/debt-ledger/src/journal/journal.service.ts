import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCodes, JournalEntryKind, LedgerAccountKind } from '@limye/contracts';
import { LedgerCheck, ledgerCheck } from './domain/ledger-check';
import { EntryDraft, IdempotentRequest, PostedEntry } from './domain/posted-entry';
import { assertBalanced } from './domain/posting-line';
import { isUnseenAccountError, JournalRepository } from './journal.repository';

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
   * Posts `draft` under `request.key`, once. A key already posted with the same request hash is a
   * replay (its entry comes back, nothing is posted); with another hash it is a conflict. For a new
   * key this is one statement; a taken key costs one more, to read the entry.
   */
  async postOnce(request: IdempotentRequest, draft: EntryDraft): Promise<PostOutcome> {
    assertBalanced(draft.lines);
    const inserted = await this.insertRetryingUnseenAccounts(request, draft);
    if (inserted) return { entry: { ...draft, ...request, ...inserted }, replayed: false };
    // The key was posted before, or by a concurrent request that committed first: ON CONFLICT waited
    // for it, so this new statement sees it.
    const [existing] = await this.journal.findEntriesByKeys(draft.organisationId, [request.key]);
    if (!existing) throw new Error(`entry ${request.key} conflicted on insert but cannot be read`);
    return this.replay(existing, request);
  }

  /**
   * Like postOnce, for an entry whose draft depends on an earlier entry (a delivery on its payment's
   * allocation): one SELECT reads the key's entry and the earlier one. A key already posted is answered
   * from there, and `buildDraft` runs only for a new key, so its checks never turn a replay into an
   * error; it gets the earlier entry, or null when there is none.
   */
  async postOnceAfter(
    organisationId: string,
    request: IdempotentRequest,
    earlierKey: string,
    buildDraft: (earlier: PostedEntry | null) => EntryDraft,
  ): Promise<PostOutcome> {
    const entries = await this.journal.findEntriesByKeys(organisationId, [request.key, earlierKey]);
    const existing = entries.find((e) => e.key === request.key);
    if (existing) return this.replay(existing, request);
    const draft = buildDraft(entries.find((e) => e.key === earlierKey) ?? null);
    if (draft.organisationId !== organisationId) throw new Error(`a draft for ${organisationId} names another organisation`);
    return this.postOnce(request, draft);
  }

  /**
   * Posts a delivery's entry in one statement if its key is free and `allocation` (the draft organisation's)
   * allows it (see JournalRepository.postDeliveryIfAllocated); null when nothing was written, and the caller
   * goes the long way.
   */
  async postIfAllocated(
    organisationId: string,
    request: IdempotentRequest,
    draft: EntryDraft,
    allocation: { key: string; customerId: string; currency: string; amountMinor: number },
  ): Promise<{ id: string; createdAt: Date } | null> {
    if (draft.organisationId !== organisationId) throw new Error(`a draft for ${organisationId} names another organisation`);
    assertBalanced(draft.lines);
    try {
      return await this.journal.postDeliveryIfAllocated(request, draft, allocation);
    } catch (err) {
      // A concurrent writer created one of its accounts after this statement's snapshot: the long way retries.
      if (isUnseenAccountError(err)) return null;
      throw err;
    }
  }

  /** `organisationId`'s entries of the payment: another organisation's payment has none here. */
  async entriesOfPayment(organisationId: string, paymentId: string): Promise<PaymentEntriesView> {
    const entries = await this.journal.findEntriesByPayment(organisationId, paymentId);
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

  /** The check of `organisationId`'s books (each organisation's balance on its own). */
  async check(organisationId: string): Promise<LedgerCheck> {
    const [totals, unbalanced] = await Promise.all([this.journal.totalsByCurrency(organisationId), this.journal.unbalancedEntryIds(organisationId)]);
    return ledgerCheck(totals, unbalanced);
  }

  /**
   * postEntry fails when a concurrent request created one of its accounts after its snapshot (see
   * JournalRepository.postEntry). Each such failure leaves one more account visible to the next
   * statement, so one attempt per account plus one always suffices.
   */
  private async insertRetryingUnseenAccounts(request: IdempotentRequest, draft: EntryDraft): Promise<{ id: string; createdAt: Date } | null> {
    const attempts = new Set(draft.lines.map((l) => l.account.code)).size + 1;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.journal.postEntry(request, draft);
      } catch (err) {
        if (attempt >= attempts || !isUnseenAccountError(err)) throw err;
      }
    }
  }

  private replay(entry: PostedEntry, request: IdempotentRequest): PostOutcome {
    if (entry.requestHash !== request.requestHash) {
      throw new DomainError(ErrorCodes.ledgerConflict, `${request.key} was already posted for a different request`, 409);
    }
    return { entry, replayed: true };
  }
}
