import { FORM_MEDIA_TYPE, JSON_MEDIA_TYPE, ServiceDefinition } from '@limye/platform';
import { CustomerRegistryEnv } from './config/customer-registry.env';
import { CustomerRegistryModule } from './customer-registry.module';
import { customerRegistryDatabase } from './database/customer-registry.database';

export const customerRegistryService: ServiceDefinition<CustomerRegistryEnv> = {
  name: 'customer-registry',
  envClass: CustomerRegistryEnv,
  port: (env) => env.CUSTOMER_REGISTRY_PORT,
  rootModule: (env) => CustomerRegistryModule.register(env),
  database: customerRegistryDatabase,
  // OAuth 2.0 clients post forms to the token endpoint (RFC 6749 §4.3.2); JSON is taken too.
  bodyTypes: [{ path: '/v1/auth/token', accepts: [FORM_MEDIA_TYPE, JSON_MEDIA_TYPE] }],
};
