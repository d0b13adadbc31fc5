import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@limye/platform';
import { CustomerRegistryEnv } from './config/customer-registry.env';
import { CustomersModule } from './customers/customers.module';
import { customerRegistryDatabase } from './database/customer-registry.database';
import { IntegrationsModule } from './integrations/integrations.module';
import { PayersModule } from './payers/payers.module';
import { SitesModule } from './sites/sites.module';

@Module({})
export class CustomerRegistryModule {
  static register(env: CustomerRegistryEnv): DynamicModule {
    return {
      module: CustomerRegistryModule,
      imports: [
        PlatformModule.forRoot({ service: 'customer-registry', env, database: customerRegistryDatabase }),
        SitesModule,
        CustomersModule,
        PayersModule,
        IntegrationsModule,
      ],
    };
  }
}
