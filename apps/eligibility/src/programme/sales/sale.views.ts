import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { SALE_STATUSES } from './sale.entity';
import { ApiPropertyOptional } from '@nestjs/swagger';

/** Query of GET /v1/sales. */
export class ListSalesQuery {
  @ApiPropertyOptional({ enum: [...SALE_STATUSES] })
  @IsOptional() @IsIn(SALE_STATUSES as unknown as string[], { message: `status must be one of ${SALE_STATUSES.join(', ')}` })
  status?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500 })
  @IsOptional() @Transform(({ value }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @IsInt({ message: 'limit must be a whole number 1..500' }) @Min(1) @Max(500)
  limit?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 10_000_000 })
  @IsOptional() @Transform(({ value }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @IsInt({ message: 'offset must be a whole number' }) @Min(0) @Max(10_000_000)
  offset?: number;
}

/** A sale as the admin API shows it: the national ID masked. */
export interface SaleView {
  reference: string;
  status: string;
  householdId: string;
  nationalIdMasked: string;
  category: string;
  tier: number;
  incentivePercent: number;
  company: { id: string; code: string };
  product: { id: string; code: string; name: string };
  agent: { id: string; name: string };
  priceRwf: number;
  incentiveRwf: number;
  location: { province: string; district: string; sector: string; cell: string; village: string };
  voucherNumber: string | null;
  registeredAt: string;
  reservedUntil: string;
  confirmedAt: string | null;
  expiredAt: string | null;
  /** Status `rejected`: when OMIS refused the registration, and its answer (e.g. "HTTP 409 household_blocked"). */
  rejectedAt: string | null;
  rejectionReason: string | null;
  omisStatus: string;
}
