import { ServiceDefinition } from '@limye/platform';
import { CustomerRegistryEnv } from './config/customer-registry.env';
import { CustomerRegistryModule } from './customer-registry.module';
import { customerRegistryDatabase } from './database/customer-registry.database';

export const customerRegistryService: ServiceDefinition<CustomerRegistryEnv> = {
  name: 'customer-registry',
  envClass: CustomerRegistryEnv,
  port: (env) => env.CUSTOMER_REGISTRY_PORT,
  rootModule: (env) => CustomerRegistryModule.register(env),
  database: customerRegistryDatabase,
};
