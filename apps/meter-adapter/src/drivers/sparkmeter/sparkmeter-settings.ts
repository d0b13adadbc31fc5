import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_ENV } from '@limye/platform';
import { MeterAdapterEnv } from '../../config/meter-adapter.env';
import { parseSiteApis, SparkMeterApi } from '../domain/driver-choice';

/** Everything a delivery needs to reach an organisation's SparkMeter accounts. */
export interface SparkMeterSettings {
  /**
   * Names this set of settings, never a secret: HTTP clients (with their circuit breakers) and the
   * ThunderCloud customer-id cache are kept per set, so two organisations' accounts never share them.
   */
  readonly id: string;
  readonly koios: { baseUrl: string; apiKey: string; apiSecret: string };
  readonly thunderCloud: { baseUrl: string; token: string };
  /** Site id → API; sites not listed use `defaultApi`. */
  readonly siteApis: ReadonlyMap<string, SparkMeterApi>;
  readonly defaultApi: SparkMeterApi;
}

/**
 * The one place that says which SparkMeter settings credit an organisation's devices. Today every
 * organisation gets env's (the default organisation's settings); per-organisation settings will be looked
 * up here, so nothing else changes when they arrive. Asked for each delivery attempt, by the delivery's
 * organisation, never by anything the vendor or a caller sends.
 */
@Injectable()
export class SparkMeterSettingsSource {
  private readonly fromEnv: SparkMeterSettings;

  constructor(@Inject(SERVICE_ENV) env: MeterAdapterEnv) {
    this.fromEnv = {
      id: 'env',
      koios: { baseUrl: env.SPARKMETER_KOIOS_BASE_URL, apiKey: env.SPARKMETER_KOIOS_API_KEY, apiSecret: env.SPARKMETER_KOIOS_API_SECRET },
      thunderCloud: { baseUrl: env.SPARKMETER_THUNDERCLOUD_BASE_URL, token: env.SPARKMETER_THUNDERCLOUD_TOKEN },
      siteApis: parseSiteApis(env.SPARKMETER_SITE_APIS),
      defaultApi: env.SPARKMETER_DEFAULT_API,
    };
  }

  async forOrganisation(_organisationId: string): Promise<SparkMeterSettings> {
    return this.fromEnv;
  }
}
