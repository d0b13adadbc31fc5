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
  apiDocs: {
    title: 'Limye meter adapter',
    description: `Delivers energy credit for payments to devices (SparkMeter meters through Koios v1 or ThunderCloud v0). Services request deliveries over NATS (\`meter.v1.delivery.request\`, apps/meter-adapter/README.md); this HTTP API is for operators: look deliveries up and retry them.`,
  },
};
