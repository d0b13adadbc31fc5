import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsNotEmpty, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsIsoDateTime } from './iso-date-time';
import { SOCIAL_CATEGORIES } from '../domain/rwanda-household';
import { OmisLocationDto } from './omis-location.dto';

/** Sale references: what a keypad or a database key can carry. */
export const SALE_REFERENCE = /^[A-Za-z0-9_-]{1,64}$/;

/** Body of `PUT /omis/v1/sales/{reference}`. */
export class RegisterSaleDto {
  @Matches(SALE_REFERENCE, { message: 'reference must be 1 to 64 letters, digits, "_" or "-"' })
  reference: string;

  @Matches(/^\d{10}$/, { message: 'householdId must be 10 digits' })
  householdId: string;

  @Matches(/^\d{16}$/, { message: 'nationalId must be 16 digits' })
  nationalId: string;

  @IsString() @IsNotEmpty() @MaxLength(64)
  companyCode: string;

  @IsString() @IsNotEmpty() @MaxLength(64)
  productCode: string;

  /** Whole francs: RWF has no minor unit. */
  @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER)
  priceRwf: number;

  @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER)
  incentiveRwf: number;

  @IsIn(SOCIAL_CATEGORIES as unknown as string[], { message: `category must be one of ${SOCIAL_CATEGORIES.join(', ')}` })
  category: string;

  @IsInt() @Min(1) @Max(9)
  tier: number;

  @IsDefined() @ValidateNested() @Type(() => OmisLocationDto)
  location: OmisLocationDto;

  @IsIsoDateTime('registeredAt')
  registeredAt: string;
}
