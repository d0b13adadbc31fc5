import { IsIn, IsInt, Matches, Max, Min } from 'class-validator';
import { BaseServiceEnv } from '@limye/platform';
import { SPARKMETER_APIS, SparkMeterApi } from '../drivers/domain/driver-choice';
import { BASE_URL, IsNotLessThan, IsRealCredentialOffLoopback, IsSiteApiList } from './env-rules';

const URL_MESSAGE = (name: string) => ({ message: `${name} must be an http(s) URL without a trailing slash` });

/**
 * The meter-adapter's settings. Vendor URLs default to the local sandbox, which is also the only place
 * the default (sandbox) credentials are accepted.
 */
export class MeterAdapterEnv extends BaseServiceEnv {
  @IsInt() @Min(0) @Max(65535)
  METER_ADAPTER_PORT: number = 3004;

  /** Koios v1 host; paths /api/v1/... are appended. */
  @Matches(BASE_URL, URL_MESSAGE('SPARKMETER_KOIOS_BASE_URL'))
  SPARKMETER_KOIOS_BASE_URL: string = 'http://127.0.0.1:3100';

  /** Needs a write ("Full access") key: a monitoring key is refused on /payments. */
  @IsRealCredentialOffLoopback('SPARKMETER_KOIOS_BASE_URL', 'sandbox-key')
  SPARKMETER_KOIOS_API_KEY: string = 'sandbox-key';

  @IsRealCredentialOffLoopback('SPARKMETER_KOIOS_BASE_URL', 'sandbox-secret')
  SPARKMETER_KOIOS_API_SECRET: string = 'sandbox-secret';

  /** ThunderCloud site API, ending in /api/v0. */
  @Matches(BASE_URL, URL_MESSAGE('SPARKMETER_THUNDERCLOUD_BASE_URL'))
  SPARKMETER_THUNDERCLOUD_BASE_URL: string = 'http://127.0.0.1:3100/api/v0';

  @IsRealCredentialOffLoopback('SPARKMETER_THUNDERCLOUD_BASE_URL', 'sandbox-token')
  SPARKMETER_THUNDERCLOUD_TOKEN: string = 'sandbox-token';

  /** "site-id:koios,other-site:thundercloud"; sites not listed use SPARKMETER_DEFAULT_API. */
  @IsSiteApiList()
  SPARKMETER_SITE_APIS: string = '';

  @IsIn(SPARKMETER_APIS as unknown as string[])
  SPARKMETER_DEFAULT_API: SparkMeterApi = 'koios';

  /** Budget of one delivery attempt (every vendor call in it); the attempt's lease is a little longer. */
  @IsInt() @Min(100) @Max(300000)
  VENDOR_TIMEOUT_MS: number = 10000;

  @IsInt() @Min(10) @Max(3600000)
  DELIVERY_RETRY_BASE_MS: number = 2000;

  @IsInt() @Min(10) @Max(3600000) @IsNotLessThan('DELIVERY_RETRY_BASE_MS')
  DELIVERY_RETRY_MAX_MS: number = 60000;

  /** How often the worker looks for due deliveries. */
  @IsInt() @Min(10) @Max(60000)
  DELIVERY_POLL_MS: number = 500;

  /** After this many attempts a delivery known not to be credited is FAILED ("gave up"); see README. */
  @IsInt() @Min(1) @Max(10000)
  DELIVERY_MAX_ATTEMPTS: number = 50;
}
