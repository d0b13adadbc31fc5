import { Type } from 'class-transformer';
import {
  IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { ErrorCodes } from './errors';
import { DEVICE_TYPES, DeviceType } from './registry.messages';

export class DeliveryDevice {
  @IsUUID()
  id: string;

  @IsIn(DEVICE_TYPES as unknown as string[])
  type: DeviceType;

  @IsString() @MaxLength(64)
  manufacturer: string;

  @IsString() @MaxLength(64)
  serial: string;

  @IsOptional() @IsString() @MaxLength(64)
  vendorAccountRef?: string | null;

  @IsOptional() @IsString() @MaxLength(64)
  siteId?: string | null;
}

export class DeliveryRequest {
  /**
   * The organisation the payment and device belong to (payment-intake sends it, beside the message's
   * `limye-organisation` header). meter-adapter refuses (FORBIDDEN) a request without both, or whose two differ.
   */
  @IsUUID()
  organisationId: string;

  @IsUUID()
  paymentId: string;

  @IsUUID()
  customerId: string;

  @ValidateNested() @Type(() => DeliveryDevice)
  device: DeliveryDevice;

  @IsInt() @Min(1)
  amountMinor: number;

  @IsString() @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code' })
  currency: string;

  @IsOptional() @IsString() @MaxLength(140)
  memo?: string;
}

/**
 * PENDING: accepted, not tried yet or waiting for a retry. UNKNOWN: the vendor was called and did not
 * answer clearly (timeout, 5xx); it is queried/re-sent with the same external id, never with a new one.
 * DELIVERED and FAILED are final.
 */
export const DELIVERY_STATUSES = ['PENDING', 'UNKNOWN', 'DELIVERED', 'FAILED'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Why a delivery is FAILED, for machines; `reason` says it in words. */
export const DeliveryFailureCodes = {
  /** No driver for this manufacturer/device type (yet). */
  unsupportedDevice: ErrorCodes.meterUnsupportedDevice,
  /** The vendor refused the credit for good (unknown customer, invalid data): fix the data, then retry. */
  vendorRejected: 'METER.VENDOR_REJECTED',
  /** The vendor processed the credit and reported it failed (ThunderCloud 'not-processed' / 'error'). */
  vendorFailed: 'METER.VENDOR_FAILED',
  /** DELIVERY_MAX_ATTEMPTS reached while the vendor was known not to hold the credit. */
  gaveUp: 'METER.GAVE_UP',
} as const;
export type DeliveryFailureCode = (typeof DeliveryFailureCodes)[keyof typeof DeliveryFailureCodes];

export interface DeliveryReply {
  deliveryId: string;
  paymentId: string;
  status: DeliveryStatus;
  driver: string;
  attempts: number;
  /** The vendor's id for the credit (Koios payment id, ThunderCloud transaction id) once known. */
  vendorRef: string | null;
  /** Why the delivery is not DELIVERED (last vendor answer or failure), in words. */
  reason: string | null;
  /** Set when status is FAILED: one of DeliveryFailureCodes. */
  failureCode: DeliveryFailureCode | null;
}

/** Payload of meter.v1.delivery.retry; the reply is a DeliveryReply. */
export class RetryDeliveryRequest {
  /** The operator's organisation (see DeliveryRequest.organisationId); re-checked the same way. */
  @IsUUID()
  organisationId: string;

  @IsUUID()
  deliveryId: string;
}

/** Body of the meter.v1.delivery.finished notice (core NATS, published after the outcome was stored). */
export interface DeliveryFinishedNotice {
  deliveryId: string;
  paymentId: string;
  status: Extract<DeliveryStatus, 'DELIVERED' | 'FAILED'>;
}
