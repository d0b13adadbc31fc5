import { DynamicModule, Module } from '@nestjs/common';
import { ServiceNames } from '@limye/contracts';
import { AuditModule, PlatformModule } from '@limye/platform';
import { AllocationModule } from './allocation/allocation.module';
import { BalancesModule } from './balances/balances.module';
import { DebtLedgerEnv } from './config/debt-ledger.env';
import { debtLedgerDatabase } from './database/debt-ledger.database';
import { DeliveryModule } from './delivery/delivery.module';
import { JournalModule } from './journal/journal.module';

@Module({})
export class DebtLedgerModule {
  static register(env: DebtLedgerEnv): DynamicModule {
    return {
      module: DebtLedgerModule,
      imports: [
        PlatformModule.forRoot({ service: ServiceNames.debtLedger, env, database: debtLedgerDatabase }), AuditModule,
        JournalModule,
        AllocationModule,
        DeliveryModule,
        BalancesModule,
      ],
    };
  }
}
