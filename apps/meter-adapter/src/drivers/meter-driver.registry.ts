import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_ENV } from '@limye/platform';
import { MeterAdapterEnv } from '../config/meter-adapter.env';
import { chooseDriver, DeviceTraits, DriverChoice, parseSiteApis, SparkMeterApi } from './domain/driver-choice';
import { MeterDriver } from './meter-driver';
import { SparkMeterKoiosDriver } from './sparkmeter/sparkmeter-koios.driver';
import { SparkMeterThunderCloudDriver } from './sparkmeter/sparkmeter-thundercloud.driver';

/**
 * Knows every driver: picks one for a new delivery (by manufacturer, device type and site) and finds the
 * one a delivery was started with, which it keeps for good: switching a site's API must not re-send a
 * credit that may already sit with the other API.
 */
@Injectable()
export class MeterDriverRegistry {
  private readonly siteApis: ReadonlyMap<string, SparkMeterApi>;
  private readonly drivers: ReadonlyMap<string, MeterDriver>;

  constructor(
    @Inject(SERVICE_ENV) private readonly env: MeterAdapterEnv,
    koios: SparkMeterKoiosDriver,
    thunderCloud: SparkMeterThunderCloudDriver,
  ) {
    this.siteApis = parseSiteApis(env.SPARKMETER_SITE_APIS);
    this.drivers = new Map<string, MeterDriver>([koios, thunderCloud].map((d) => [d.name, d]));
  }

  choose(device: DeviceTraits): DriverChoice {
    return chooseDriver(device, this.siteApis, this.env.SPARKMETER_DEFAULT_API);
  }

  get(name: string): MeterDriver | undefined {
    return this.drivers.get(name);
  }
}
