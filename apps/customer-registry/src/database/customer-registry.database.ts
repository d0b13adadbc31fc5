import { ServiceDatabaseSpec } from '@limye/platform';
import { ApiKey } from '../api-keys/api-key.entity';
import { Customer } from '../customers/customer.entity';
import { Device } from '../customers/device.entity';
import { Membership } from '../operators/membership.entity';
import { OperatorUser } from '../operators/operator-user.entity';
import { Organisation } from '../organisations/organisation.entity';
import { Site } from '../sites/site.entity';
import { InitCustomerRegistry1764000000000 } from './migrations/1764000000000-init-customer-registry';
import { DeviceVendorAccountUnique1764100000000 } from './migrations/1764100000000-device-vendor-account-unique';
import { OrganisationsOperators1765000000000 } from './migrations/1765000000000-organisations-operators';
import { OrganisationTenancy1765090000000 } from './migrations/1765090000000-organisation-tenancy';
import { IntegrationSettings1765100000000 } from './migrations/1765100000000-integration-settings';
import { AuditLog1765200000000 } from './migrations/1765200000000-audit-log';

export const customerRegistryDatabase: ServiceDatabaseSpec = {
  schema: 'customer_registry',
  entities: [Site, Customer, Device, Organisation, OperatorUser, Membership, ApiKey],
  migrations: [InitCustomerRegistry1764000000000, DeviceVendorAccountUnique1764100000000, OrganisationsOperators1765000000000, OrganisationTenancy1765090000000, IntegrationSettings1765100000000, AuditLog1765200000000],
};
