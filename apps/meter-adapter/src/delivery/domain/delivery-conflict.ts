import type { DeliveryRequest } from '@limye/contracts';

/** The stored facts that decide where a credit goes and how much it is. */
export interface StoredDeliveryFacts {
  customerId: string;
  amountMinor: number;
  currency: string;
  deviceId: string;
  deviceType: string;
  deviceManufacturer: string;
  deviceSerial: string;
  deviceVendorAccountRef: string | null;
  deviceSiteId: string | null;
}

/**
 * Fields in which a repeated request for a payment differs from the delivery already stored for it.
 * Empty means a true repeat. The memo is left out: it changes nothing about the credit.
 */
export function deliveryDifferences(stored: StoredDeliveryFacts, req: DeliveryRequest): string[] {
  const pairs: [string, unknown, unknown][] = [
    ['customerId', stored.customerId, req.customerId],
    ['amountMinor', stored.amountMinor, req.amountMinor],
    ['currency', stored.currency, req.currency],
    ['device.id', stored.deviceId, req.device.id],
    ['device.type', stored.deviceType, req.device.type],
    ['device.manufacturer', stored.deviceManufacturer, req.device.manufacturer],
    ['device.serial', stored.deviceSerial, req.device.serial],
    ['device.vendorAccountRef', stored.deviceVendorAccountRef, req.device.vendorAccountRef ?? null],
    ['device.siteId', stored.deviceSiteId, req.device.siteId ?? null],
  ];
  return pairs.filter(([, a, b]) => a !== b).map(([name]) => name);
}
