import { Module } from '@nestjs/common';
import { MeterDriverRegistry } from './meter-driver.registry';
import { SparkMeterKoiosDriver } from './sparkmeter/sparkmeter-koios.driver';
import { SparkMeterSettingsSource } from './sparkmeter/sparkmeter-settings';
import { SparkMeterThunderCloudDriver } from './sparkmeter/sparkmeter-thundercloud.driver';

@Module({
  providers: [SparkMeterSettingsSource, SparkMeterKoiosDriver, SparkMeterThunderCloudDriver, MeterDriverRegistry],
  exports: [MeterDriverRegistry],
})
export class DriversModule {}
