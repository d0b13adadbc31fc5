import type { JournalEntryKind } from '@limye/contracts';
import { PostingLine } from './posting-line';

/** What a business rule wants posted; the journal adds the idempotency key and posts it once. */
export interface EntryDraft {
  /** Whose books: the entry and every account it posts to are that organisation's. */
  organisationId: string;
  kind: JournalEntryKind;
  paymentId: string;
  description: string;
  lines: PostingLine[];
}

/** The key an entry is posted under, and the fingerprint of the request that asked for it. */
export interface IdempotentRequest {
  key: string;
  requestHash: string;
}

export interface PostedEntry extends EntryDraft, IdempotentRequest {
  id: string;
  createdAt: Date;
}
