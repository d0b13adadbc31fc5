import { IsISO31661Alpha2, IsISO4217CurrencyCode, IsString, Matches, MaxLength } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';

/** A site's fields; the body of PUT /v1/sites/:id. */
export class PutSiteRequest {
  @ApiProperty({ maxLength: 120, pattern: /\S/.source })
  @IsString() @MaxLength(120) @Matches(/\S/, { message: 'name must not be blank' })
  name: string;

  /** Also the default country of phones typed in local form by this site's customers. */
  @ApiProperty({ pattern: /^[A-Z]{2}$/.source, description: 'ISO 3166-1 alpha-2. Also the default country of phones typed in local form by this site\'s customers.', example: 'HT' })
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an upper-case ISO 3166-1 alpha-2 code' })
  @IsISO31661Alpha2()
  country: string;

  @ApiProperty({ pattern: /^[A-Z]{3}$/.source, description: 'ISO 4217: the currency of its customers\' payments and balances.', example: 'HTG' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an upper-case ISO 4217 code' })
  @IsISO4217CurrencyCode()
  currency: string;
}
