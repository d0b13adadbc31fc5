import { IsInt, Max, Min } from 'class-validator';
import { BaseServiceEnv } from '@limye/platform';

export class DebtLedgerEnv extends BaseServiceEnv {
  @IsInt() @Min(0) @Max(65535)
  DEBT_LEDGER_PORT: number = 3003;
}
