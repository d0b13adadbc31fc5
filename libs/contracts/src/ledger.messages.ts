import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';

const CURRENCY = /^[A-Z]{3}$/;

export class AllocatePaymentRequest {
  @IsUUID()
  paymentId: string;

  @IsUUID()
  customerId: string;

  @IsOptional() @IsUUID()
  deviceId?: string;

  /** Provider name, e.g. "moncash": names the clearing account the money sits in. */
  @IsString() @MaxLength(32)
  provider: string;

  @IsInt() @Min(1)
  amountMinor: number;

  @IsString() @Matches(CURRENCY, { message: 'currency must be an ISO 4217 code' })
  currency: string;
}

export interface AllocatePaymentReply {
  paymentId: string;
  entryId: string;
  currency: string;
  /** What went to open debts (instalments, access fees); 0 in the first cut. */
  debtClearedMinor: number;
  /** What became energy credit to deliver to the device. */
  energyCreditMinor: number;
  /** True when this call found the allocation already posted (a replay). */
  replayed: boolean;
}

export class RecordDeliveryRequest {
  @IsUUID()
  paymentId: string;

  @IsUUID()
  customerId: string;

  @IsInt() @Min(1)
  amountMinor: number;

  @IsString() @Matches(CURRENCY, { message: 'currency must be an ISO 4217 code' })
  currency: string;

  /** The vendor's reference for the credit (SparkMeter payment/transaction id). */
  @IsOptional() @IsString() @MaxLength(128)
  vendorRef?: string;
}

export interface RecordDeliveryReply {
  paymentId: string;
  entryId: string;
  replayed: boolean;
}

export const LEDGER_ACCOUNT_KINDS = ['provider_clearing', 'energy_credit', 'energy_delivered'] as const;
export { IsIn };
