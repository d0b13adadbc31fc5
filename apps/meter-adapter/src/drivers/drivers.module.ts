import { Module } from '@nestjs/common';
import { MeterDriverRegistry } from './meter-driver.registry';
import { SparkMeterKoiosDriver } from './sparkmeter/sparkmeter-koios.driver';
import { SparkMeterThunderCloudDriver } from './sparkmeter/sparkmeter-thundercloud.driver';
import { VendorHttpClient } from './vendor-http.client';

@Module({
  providers: [VendorHttpClient, SparkMeterKoiosDriver, SparkMeterThunderCloudDriver, MeterDriverRegistry],
  exports: [MeterDriverRegistry],
})
export class DriversModule {}
