import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule, PlatformModule } from '@limye/platform';
import { CustomerRegistryEnv } from './config/customer-registry.env';
import { CustomersModule } from './customers/customers.module';
import { customerRegistryDatabase } from './database/customer-registry.database';
import { PayersModule } from './payers/payers.module';
import { SitesModule } from './sites/sites.module';

@Module({})
export class CustomerRegistryModule {
  static register(env: CustomerRegistryEnv): DynamicModule {
    return {
      module: CustomerRegistryModule,
      imports: [
        PlatformModule.forRoot({ service: 'customer-registry', env, database: customerRegistryDatabase }), AuditModule,
        SitesModule,
        CustomersModule,
        PayersModule,
      ],
    };
  }
}
