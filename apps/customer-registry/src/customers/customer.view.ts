import type { CustomerRef, DeviceRef } from '@limye/contracts';
import { Customer } from './customer.entity';
import { Device } from './device.entity';

/** A customer with their devices, as the HTTP API shows it. */
export interface CustomerView {
  id: string;
  name: string;
  phone: string;
  accountNumber: string;
  siteId: string | null;
  createdAt: string;
  devices: DeviceRef[];
}

export function toCustomerView(customer: Customer, devices: Device[]): CustomerView {
  return {
    id: customer.id,
    name: customer.name,
    phone: customer.phone,
    accountNumber: customer.accountNumber,
    siteId: customer.siteId,
    createdAt: customer.createdAt.toISOString(),
    devices: devices.map(toDeviceRef),
  };
}

export function toCustomerRef(customer: Customer): CustomerRef {
  return { id: customer.id, name: customer.name, accountNumber: customer.accountNumber, siteId: customer.siteId };
}

export function toDeviceRef(device: Device): DeviceRef {
  return {
    id: device.id,
    type: device.type,
    manufacturer: device.manufacturer,
    serial: device.serial,
    vendorAccountRef: device.vendorAccountRef,
    siteId: device.siteId,
  };
}
