import type { DeliveryReply, DeliveryStatus, DeviceType } from '@limye/contracts';
import type { Delivery } from './delivery.entity';

/** A delivery as the HTTP API shows it (schema DeliveryResponse of GET /openapi.json). */
export interface DeliveryView {
  id: string;
  paymentId: string;
  customerId: string;
  device: { id: string; type: DeviceType; manufacturer: string; serial: string; vendorAccountRef: string | null; siteId: string | null };
  amountMinor: number;
  currency: string;
  memo: string | null;
  driver: string;
  status: DeliveryStatus;
  attempts: number;
  vendorRef: string | null;
  reason: string | null;
  failureCode: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  updatedAt: string;
  deliveredAt: string | null;
}

export function toDeliveryView(d: Delivery): DeliveryView {
  return {
    id: d.id,
    paymentId: d.paymentId,
    customerId: d.customerId,
    device: {
      id: d.deviceId,
      type: d.deviceType,
      manufacturer: d.deviceManufacturer,
      serial: d.deviceSerial,
      vendorAccountRef: d.deviceVendorAccountRef,
      siteId: d.deviceSiteId,
    },
    amountMinor: d.amountMinor,
    currency: d.currency,
    memo: d.memo,
    driver: d.driver,
    status: d.status,
    attempts: d.attempts,
    vendorRef: d.vendorRef,
    reason: d.reason,
    failureCode: d.failureCode,
    nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
  };
}

export function toDeliveryReply(d: Delivery): DeliveryReply {
  return {
    deliveryId: d.id,
    paymentId: d.paymentId,
    status: d.status,
    driver: d.driver,
    attempts: d.attempts,
    vendorRef: d.vendorRef,
    reason: d.reason,
    failureCode: d.failureCode,
  };
}
