import { IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** `POST /sandbox/sparkmeter/koios/payments`: a payment made outside Limye, credited at once. */
export class RecordKoiosPaymentDto {
  @ApiProperty({ pattern: /^[A-Za-z0-9_-]{1,32}$/.source })
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'customerCode must be 1 to 32 letters, digits, "_" or "-"' })
  customerCode: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER })
  @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER)
  amountMinor: number;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  externalId?: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional() @IsString() @MaxLength(500)
  memo?: string;
}
