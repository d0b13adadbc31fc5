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
  apiDocs: {
    title: 'Limye customer registry',
    description: `Customers, their phones, account numbers and devices (meter, SHS, e-bike), and the sites they live in.

Payment matching is offered to other services over NATS, not HTTP: subject \`registry.v1.payer.resolve\` (queue group \`customer-registry\`; \`ResolvePayerRequest\` → \`ResolvePayerReply\`, libs/contracts/src/registry.messages.ts). Identifiers are tried in the order account number, serial, phone; the first that finds someone decides, and it is \`matched\` only for exactly one customer with exactly one device (else \`ambiguous\`).

Identifiers (serials, account numbers) are compared after trimming, upper-casing and dropping spaces and dashes: \`sm-0252 shg\` and \`SM0252SHG\` are the same. Phones are stored in E.164; local forms are read in the site's country, else in \`REGISTRY_DEFAULT_COUNTRY\` (default \`HT\`). Names and phones are personal data.`,
  },
};
