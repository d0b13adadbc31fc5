import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { TcOutcome } from '../domain/thundercloud-transaction-book';

export class UpdateSparkmeterConfigDto {
  @IsOptional() @IsInt() @Min(0) @Max(600_000)
  thundercloudSettleMs?: number;

  @IsOptional() @IsIn(['processed', 'not-processed', 'error'])
  thundercloudOutcome?: TcOutcome;

  @IsOptional() @IsInt() @Min(0) @Max(100)
  thundercloudPendingPolls?: number;
}
