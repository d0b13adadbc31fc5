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
};
