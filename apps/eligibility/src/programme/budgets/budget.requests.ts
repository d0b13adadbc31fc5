import { IsInt, Max, Min } from 'class-validator';

/** Body of PUT /v1/budgets/:tier. Whole RWF. */
export class PutBudgetRequest {
  @IsInt({ message: 'totalRwf must be a whole number of RWF' }) @Min(0) @Max(Number.MAX_SAFE_INTEGER)
  totalRwf: number;
}
