import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JournalEntryKind, LedgerAccountKind, toSafeInteger } from '@limye/contracts';
import { CustomerPostingTotal } from './domain/customer-balances';

@Injectable()
export class BalancesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async postingTotals(organisationId: string, customerId: string): Promise<CustomerPostingTotal[]> {
    const rows: Array<{ currency: string; account_kind: LedgerAccountKind; entry_kind: JournalEntryKind; sum_minor: string }> = await this.dataSource.query(
      `SELECT a.currency, a.kind AS account_kind, e.kind AS entry_kind, sum(p.amount_minor)::text AS sum_minor
       FROM accounts a
       JOIN postings p ON p.account_id = a.id
       JOIN journal_entries e ON e.id = p.entry_id
       WHERE a.organisation_id = $2 AND a.customer_id = $1
       GROUP BY a.currency, a.kind, e.kind`,
      [customerId, organisationId],
    );
    return rows.map((r) => ({ currency: r.currency, accountKind: r.account_kind, entryKind: r.entry_kind, sumMinor: toSafeInteger(r.sum_minor) }));
  }
}
