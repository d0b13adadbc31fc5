import { ServiceDatabaseSpec } from '@limye/platform';
import { Customer } from '../customers/customer.entity';
import { Device } from '../customers/device.entity';
import { Site } from '../sites/site.entity';
import { InitCustomerRegistry1764000000000 } from './migrations/1764000000000-init-customer-registry';
import { DeviceVendorAccountUnique1764100000000 } from './migrations/1764100000000-device-vendor-account-unique';
import { AuditLog1765200000000 } from './migrations/1765200000000-audit-log';

export const customerRegistryDatabase: ServiceDatabaseSpec = {
  schema: 'customer_registry',
  entities: [Site, Customer, Device],
  migrations: [InitCustomerRegistry1764000000000, DeviceVendorAccountUnique1764100000000, AuditLog1765200000000],
};
