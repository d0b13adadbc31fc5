import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { TcOutcome } from '../domain/thundercloud-transaction-book';
import { ApiPropertyOptional } from '@nestjs/swagger';

export class UpdateSparkmeterConfigDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 600_000 })
  @IsOptional() @IsInt() @Min(0) @Max(600_000)
  thundercloudSettleMs?: number;

  @ApiPropertyOptional({ enum: ['processed', 'not-processed', 'error'] })
  @IsOptional() @IsIn(['processed', 'not-processed', 'error'])
  thundercloudOutcome?: TcOutcome;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 100 })
  @IsOptional() @IsInt() @Min(0) @Max(100)
  thundercloudPendingPolls?: number;
}
