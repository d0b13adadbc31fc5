import { Transform } from 'class-transformer';
import { IsInt, IsUUID, Max, Min } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';

/** The :id of /v1/companies/:id, /v1/products/:id, /v1/agents/:id. */
export class IdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;
}

/** The :companyId of /v1/companies/:companyId/products. */
export class CompanyIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'companyId must be a UUID' })
  companyId: string;
}

/** The :tier of /v1/budgets/:tier. */
export class TierParams {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 9 })
  @Transform(({ value }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @IsInt({ message: 'tier must be a whole number 1..9' }) @Min(1, { message: 'tier must be a whole number 1..9' }) @Max(9, { message: 'tier must be a whole number 1..9' })
  tier: number;
}
