import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PAYMENT_STATES } from './domain/payment-state';

export class ListPaymentsQuery {
  @IsOptional() @Transform(({ value }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @IsIn(PAYMENT_STATES as unknown as string[], { message: `status must be one of ${PAYMENT_STATES.join(', ')}` })
  status?: string;

  @IsOptional() @IsString() @MaxLength(32)
  provider?: string;

  @IsOptional() @IsString() @MaxLength(128)
  providerRef?: string;

  @IsOptional() @Transform(({ value }) => (value === undefined ? undefined : Number(value)))
  @IsInt() @Min(1) @Max(500)
  limit?: number;
}
