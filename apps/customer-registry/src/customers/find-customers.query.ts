import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { SITE_ID, SITE_ID_MESSAGE } from '../sites/site-id';
import { ApiPropertyOptional } from '@nestjs/swagger';

/** Query of GET /v1/customers: every filter given must match; identifiers and phones are normalised first. */
export class FindCustomersQuery {
  @ApiPropertyOptional({ maxLength: 32 })
  @IsOptional() @IsString() @MaxLength(32)
  phone?: string;

  /** Country for a phone in local form; default REGISTRY_DEFAULT_COUNTRY. */
  @ApiPropertyOptional({ description: 'Country for a phone in local form; default REGISTRY_DEFAULT_COUNTRY.', pattern: /^[A-Z]{2}$/.source })
  @IsOptional() @Matches(/^[A-Z]{2}$/, { message: 'country must be an upper-case ISO 3166-1 alpha-2 code' })
  country?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 64 })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(64)
  accountNumber?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 64 })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(64)
  serial?: string;

  @ApiPropertyOptional({ maxLength: 64, pattern: SITE_ID.source })
  @IsOptional() @MaxLength(64) @Matches(SITE_ID, { message: `siteId ${SITE_ID_MESSAGE}` })
  siteId?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200, default: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit: number = 50;
}
