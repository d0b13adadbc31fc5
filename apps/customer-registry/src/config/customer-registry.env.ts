import { IsInt, IsISO31661Alpha2, Matches, Max, Min } from 'class-validator';
import { BaseServiceEnv } from '@limye/platform';

export class CustomerRegistryEnv extends BaseServiceEnv {
  @IsInt() @Min(0) @Max(65535)
  override CUSTOMER_REGISTRY_PORT: number = 3002;

  /** Country of phones typed in local form when the customer has no site (ISO 3166-1 alpha-2). */
  @Matches(/^[A-Z]{2}$/, { message: 'REGISTRY_DEFAULT_COUNTRY must be an upper-case ISO 3166-1 alpha-2 code' })
  @IsISO31661Alpha2()
  REGISTRY_DEFAULT_COUNTRY: string = 'HT';
}
