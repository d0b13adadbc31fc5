import { IsDefined, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class MonCashCheckoutRequest {
  @ApiProperty({ minLength: 1, maxLength: 64, description: "The customer's account number in the registry (spaces, dashes and case do not matter).", example: '1000008' })
  @IsString() @MinLength(1) @MaxLength(64)
  accountNumber: string;

  /** HTG in major units, as a decimal string ("250.50") or a JSON number; at most 2 decimals, above zero. */
  @ApiProperty({
    description: 'HTG in **major** units, as a decimal string ("250.50") or a JSON number; at most 2 decimals, above zero, at most 15 integer digits, no exponent.',
    oneOf: [{ type: 'string', pattern: '^\\s*\\d{1,15}(\\.\\d{1,2})?\\s*$' }, { type: 'number', minimum: 0, exclusiveMinimum: true }],
    example: '250.50',
  })
  @IsDefined()
  amount: string | number;

  @ApiPropertyOptional({ pattern: /^[A-Z]{3}$/.source, enum: ['HTG'], default: 'HTG', description: 'MonCash takes HTG only (any other ISO 4217 code is a 400).' })
  @IsOptional() @IsString() @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code' })
  currency?: string;
}
