import { IsDefined, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class MonCashCheckoutRequest {
  @IsString() @MinLength(1) @MaxLength(64)
  accountNumber: string;

  /** HTG in major units, as a decimal string ("250.50") or a JSON number; at most 2 decimals, above zero. */
  @IsDefined()
  amount: string | number;

  @IsOptional() @IsString() @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code' })
  currency?: string;
}
