import { IsISO31661Alpha2, IsISO4217CurrencyCode, IsString, Matches, MaxLength } from 'class-validator';

/** A site's fields; the body of PUT /v1/sites/:id. */
export class PutSiteRequest {
  @IsString() @MaxLength(120) @Matches(/\S/, { message: 'name must not be blank' })
  name: string;

  /** Also the default country of phones typed in local form by this site's customers. */
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an upper-case ISO 3166-1 alpha-2 code' })
  @IsISO31661Alpha2()
  country: string;

  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an upper-case ISO 4217 code' })
  @IsISO4217CurrencyCode()
  currency: string;
}
