import { ServiceDefinition } from '@limye/platform';
import { ServiceNames } from '@limye/contracts';
import { MeterAdapterEnv } from './config/meter-adapter.env';
import { meterAdapterDatabase } from './database/meter-adapter.database';
import { MeterAdapterModule } from './meter-adapter.module';

export const meterAdapterService: ServiceDefinition<MeterAdapterEnv> = {
  name: ServiceNames.meterAdapter,
  envClass: MeterAdapterEnv,
  port: (env) => env.METER_ADAPTER_PORT,
  rootModule: (env) => MeterAdapterModule.register(env),
  database: meterAdapterDatabase,
};
