import { Injectable } from '@nestjs/common';
import { chooseDriver, DeviceTraits, DriverChoice } from './domain/driver-choice';
import { MeterDriver } from './meter-driver';
import { SparkMeterKoiosDriver } from './sparkmeter/sparkmeter-koios.driver';
import { SparkMeterSettingsSource } from './sparkmeter/sparkmeter-settings';
import { SparkMeterThunderCloudDriver } from './sparkmeter/sparkmeter-thundercloud.driver';

/**
 * Knows every driver: picks one for a new delivery (by manufacturer, device type and site, with the site
 * APIs of the delivery's organisation) and finds the
 * one a delivery was started with, which it keeps for good: switching a site's API must not re-send a
 * credit that may already sit with the other API.
 */
@Injectable()
export class MeterDriverRegistry {
  private readonly drivers: ReadonlyMap<string, MeterDriver>;

  constructor(
    private readonly settings: SparkMeterSettingsSource,
    koios: SparkMeterKoiosDriver,
    thunderCloud: SparkMeterThunderCloudDriver,
  ) {
    this.drivers = new Map<string, MeterDriver>([koios, thunderCloud].map((d) => [d.name, d]));
  }

  async choose(organisationId: string, device: DeviceTraits): Promise<DriverChoice> {
    const s = await this.settings.forOrganisation(organisationId);
    return chooseDriver(device, s.siteApis, s.defaultApi);
  }

  get(name: string): MeterDriver | undefined {
    return this.drivers.get(name);
  }
}
