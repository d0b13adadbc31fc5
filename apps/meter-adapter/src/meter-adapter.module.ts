import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule, PlatformModule } from '@limye/platform';
import { ServiceNames } from '@limye/contracts';
import { MeterAdapterEnv } from './config/meter-adapter.env';
import { meterAdapterDatabase } from './database/meter-adapter.database';
import { DeliveryModule } from './delivery/delivery.module';

@Module({})
export class MeterAdapterModule {
  static register(env: MeterAdapterEnv): DynamicModule {
    return {
      module: MeterAdapterModule,
      imports: [PlatformModule.forRoot({ service: ServiceNames.meterAdapter, env, database: meterAdapterDatabase }), AuditModule, DeliveryModule],
    };
  }
}
