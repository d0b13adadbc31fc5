import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { JournalEntry } from './journal-entry.entity';
import { LedgerAccount } from './ledger-account.entity';

/**
 * One line of a journal entry, in integer minor units: debit positive, credit negative (see
 * domain/posting-line.ts). The postings of an entry sum to zero per currency; the database checks it
 * at commit and rejects UPDATE and DELETE.
 */
@Entity({ name: 'postings' })
@Index('postings_entry_idx', ['entryId'])
@Index('postings_account_idx', ['accountId'])
@Check('postings_amount_nonzero_ck', `"amount_minor" <> 0`)
export class Posting {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'entry_id', type: 'uuid' })
  entryId: string;

  // The relations declare the foreign keys; code reads and writes the id columns.
  @ManyToOne(() => JournalEntry, { nullable: false })
  @JoinColumn({ name: 'entry_id', foreignKeyConstraintName: 'postings_entry_fk' })
  entry?: JournalEntry;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @ManyToOne(() => LedgerAccount, { nullable: false })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'postings_account_fk' })
  account?: LedgerAccount;

  /** bigint arrives from pg as a string; read it with toSafeInteger. */
  @Column({ name: 'amount_minor', type: 'bigint' })
  amountMinor: string;

  @Column({ type: 'varchar', length: 3 })
  currency: string;
}
