import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PAYMENT_STATES } from './domain/payment-state';
import { ApiPropertyOptional } from '@nestjs/swagger';

export class ListPaymentsQuery {
  @ApiPropertyOptional({ enum: [...PAYMENT_STATES], description: 'A payment state; case-insensitive (`unmatched` works). The review queue is `UNMATCHED`.' })
  @IsOptional() @Transform(({ value }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @IsIn(PAYMENT_STATES as unknown as string[], { message: `status must be one of ${PAYMENT_STATES.join(', ')}` })
  status?: string;

  @ApiPropertyOptional({ maxLength: 32, example: 'moncash' })
  @IsOptional() @IsString() @MaxLength(32)
  provider?: string;

  @ApiPropertyOptional({ maxLength: 128, description: "The provider's transaction id (MonCash `transaction_id`)." })
  @IsOptional() @IsString() @MaxLength(128)
  providerRef?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 50 })
  @IsOptional() @Transform(({ value }) => (value === undefined ? undefined : Number(value)))
  @IsInt() @Min(1) @Max(500)
  limit?: number;
}
