import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsNotEmpty, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsIsoDateTime } from './iso-date-time';
import { SOCIAL_CATEGORIES } from '../domain/rwanda-household';
import { OmisLocationDto } from './omis-location.dto';
import { ApiProperty } from '@nestjs/swagger';

/** Sale references: what a keypad or a database key can carry. */
export const SALE_REFERENCE = /^[A-Za-z0-9_-]{1,64}$/;

/** Body of `PUT /omis/v1/sales/{reference}`. */
export class RegisterSaleDto {
  @ApiProperty({ pattern: SALE_REFERENCE.source })
  @Matches(SALE_REFERENCE, { message: 'reference must be 1 to 64 letters, digits, "_" or "-"' })
  reference: string;

  @ApiProperty({ pattern: /^\d{10}$/.source })
  @Matches(/^\d{10}$/, { message: 'householdId must be 10 digits' })
  householdId: string;

  @ApiProperty({ pattern: /^\d{16}$/.source })
  @Matches(/^\d{16}$/, { message: 'nationalId must be 16 digits' })
  nationalId: string;

  @ApiProperty({ maxLength: 64 })
  @IsString() @IsNotEmpty() @MaxLength(64)
  companyCode: string;

  @ApiProperty({ maxLength: 64 })
  @IsString() @IsNotEmpty() @MaxLength(64)
  productCode: string;

  /** Whole francs: RWF has no minor unit. */
  @ApiProperty({ description: 'Whole francs: RWF has no minor unit.', type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER })
  @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER)
  priceRwf: number;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER })
  @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER)
  incentiveRwf: number;

  @ApiProperty({ enum: [...SOCIAL_CATEGORIES] })
  @IsIn(SOCIAL_CATEGORIES as unknown as string[], { message: `category must be one of ${SOCIAL_CATEGORIES.join(', ')}` })
  category: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 9 })
  @IsInt() @Min(1) @Max(9)
  tier: number;

  @ApiProperty({ type: () => OmisLocationDto })
  @IsDefined() @ValidateNested() @Type(() => OmisLocationDto)
  location: OmisLocationDto;

  @ApiProperty({ format: 'date-time' })
  @IsIsoDateTime('registeredAt')
  registeredAt: string;
}
