import { ServiceDatabaseSpec } from '@limye/platform';
import { JournalEntry } from '../journal/journal-entry.entity';
import { LedgerAccount } from '../journal/ledger-account.entity';
import { Posting } from '../journal/posting.entity';
import { InitDebtLedger1763900000000 } from './migrations/1763900000000-init-debt-ledger';
import { BalanceCheckOncePerEntry1764400000000 } from './migrations/1764400000000-balance-check-once-per-entry';
import { OrganisationTenancy1765090000002 } from './migrations/1765090000002-organisation-tenancy';
import { AuditLog1765200000000 } from './migrations/1765200000000-audit-log';

export const debtLedgerDatabase: ServiceDatabaseSpec = {
  schema: 'debt_ledger',
  entities: [LedgerAccount, JournalEntry, Posting],
  migrations: [InitDebtLedger1763900000000, BalanceCheckOncePerEntry1764400000000, OrganisationTenancy1765090000002, AuditLog1765200000000],
};
