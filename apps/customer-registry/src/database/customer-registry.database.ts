import { ServiceDatabaseSpec } from '@limye/platform';
import { Customer } from '../customers/customer.entity';
import { Device } from '../customers/device.entity';
import { Site } from '../sites/site.entity';
import { InitCustomerRegistry1764000000000 } from './migrations/1764000000000-init-customer-registry';
import { DeviceVendorAccountUnique1764100000000 } from './migrations/1764100000000-device-vendor-account-unique';
import { IntegrationSettings1764400000000 } from './migrations/1764400000000-integration-settings';

export const customerRegistryDatabase: ServiceDatabaseSpec = {
  schema: 'customer_registry',
  entities: [Site, Customer, Device],
  migrations: [InitCustomerRegistry1764000000000, DeviceVendorAccountUnique1764100000000, IntegrationSettings1764400000000],
};
