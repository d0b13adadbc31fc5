import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule, PlatformModule } from '@limye/platform';
import { AccessChangesModule } from './access-changes/access-change-log';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AuthModule } from './auth/auth.module';
import { CustomerRegistryEnv } from './config/customer-registry.env';
import { CustomersModule } from './customers/customers.module';
import { customerRegistryDatabase } from './database/customer-registry.database';
import { IntegrationsModule } from './integrations/integrations.module';
import { OperatorsModule } from './operators/operators.module';
import { OrganisationsModule } from './organisations/organisations.module';
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
        // The built-in issuer (docs/access.md).
        AccessChangesModule,
        OrganisationsModule,
        OperatorsModule,
        ApiKeysModule,
        AuthModule.register(env),
        IntegrationsModule,
      ],
    };
  }
}
