import { ServiceDefinition } from '@limye/platform';
import { ServiceNames } from '@limye/contracts';
import { DebtLedgerEnv } from './config/debt-ledger.env';
import { debtLedgerDatabase } from './database/debt-ledger.database';
import { DebtLedgerModule } from './debt-ledger.module';

export const debtLedgerService: ServiceDefinition<DebtLedgerEnv> = {
  name: ServiceNames.debtLedger,
  envClass: DebtLedgerEnv,
  port: (env) => env.DEBT_LEDGER_PORT,
  rootModule: (env) => DebtLedgerModule.register(env),
  database: debtLedgerDatabase,
  apiDocs: {
    title: 'Limye debt ledger',
    description: `Double-entry ledger of payments allocated to debts and energy credit, and of energy delivered. This HTTP API is the read side for operators; writes arrive over NATS (\`ledger.v1.payment.allocate\`, \`ledger.v1.delivery.record\`; apps/debt-ledger/README.md).

All amounts are integers in minor units of their ISO 4217 currency (50050 HTG = 500.50 HTG; RWF and UGX have no minor unit). Postings are debit positive, credit negative; balances shown to people are positive.`,
  },
};
