import { IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** `POST /sandbox/sparkmeter/koios/payments`: a payment made outside Limye, credited at once. */
export class RecordKoiosPaymentDto {
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'customerCode must be 1 to 32 letters, digits, "_" or "-"' })
  customerCode: string;

  @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER)
  amountMinor: number;

  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  externalId?: string;

  @IsOptional() @IsString() @MaxLength(500)
  memo?: string;
}
