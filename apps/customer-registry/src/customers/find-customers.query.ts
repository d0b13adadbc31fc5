import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { SITE_ID, SITE_ID_MESSAGE } from '../sites/site-id';

/** Query of GET /v1/customers: every filter given must match; identifiers and phones are normalised first. */
export class FindCustomersQuery {
  @IsOptional() @IsString() @MaxLength(32)
  phone?: string;

  /** Country for a phone in local form; default REGISTRY_DEFAULT_COUNTRY. */
  @IsOptional() @Matches(/^[A-Z]{2}$/, { message: 'country must be an upper-case ISO 3166-1 alpha-2 code' })
  country?: string;

  @IsOptional() @IsString() @MinLength(1) @MaxLength(64)
  accountNumber?: string;

  @IsOptional() @IsString() @MinLength(1) @MaxLength(64)
  serial?: string;

  @IsOptional() @MaxLength(64) @Matches(SITE_ID, { message: `siteId ${SITE_ID_MESSAGE}` })
  siteId?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit: number = 50;
}
