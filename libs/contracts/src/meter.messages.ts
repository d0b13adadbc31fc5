import { Type } from 'class-transformer';
import {
  IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, ValidateNested,
} from 'class-validator';
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

export interface DeliveryReply {
  deliveryId: string;
  paymentId: string;
  status: DeliveryStatus;
  driver: string;
  attempts: number;
  vendorRef: string | null;
  reason: string | null;
}
