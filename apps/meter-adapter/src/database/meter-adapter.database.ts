import { ServiceDatabaseSpec } from '@limye/platform';
import { Delivery } from '../delivery/delivery.entity';
import { InitMeterAdapter1764100000000 } from './migrations/1764100000000-init-meter-adapter';
import { DeliveryOrganisation1764200000000 } from './migrations/1764200000000-delivery-organisation';
import { AuditLog1765200000000 } from './migrations/1765200000000-audit-log';

export const meterAdapterDatabase: ServiceDatabaseSpec = {
  schema: 'meter_adapter',
  entities: [Delivery],
  migrations: [InitMeterAdapter1764100000000, DeliveryOrganisation1764200000000, AuditLog1765200000000],
};
