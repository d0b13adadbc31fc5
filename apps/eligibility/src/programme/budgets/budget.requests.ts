import { IsInt, Max, Min } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';

/** Body of PUT /v1/budgets/:tier. Whole RWF. */
export class PutBudgetRequest {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'Whole RWF (no minor unit).', example: 50000000 })
  @IsInt({ message: 'totalRwf must be a whole number of RWF' }) @Min(0) @Max(Number.MAX_SAFE_INTEGER)
  totalRwf: number;
}
