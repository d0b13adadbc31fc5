import '../../../libs/platform/src/register-paths';
import { bootstrapService } from '@limye/platform';
import { debtLedgerService } from './debt-ledger.service-definition';

void bootstrapService(debtLedgerService);
