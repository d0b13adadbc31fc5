import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

const CURRENCY = /^[A-Z]{3}$/;

/** UUIDs end up as text inside idempotency keys and account codes, so they get one spelling. */
const LowerCase = () => Transform(({ value }) => (typeof value === 'string' ? value.toLowerCase() : value));

/** Lower-case provider id ("moncash", "mtn-momo"): it becomes part of a ledger account code. */
const PROVIDER = /^[a-z0-9][a-z0-9_-]{0,31}$/;

export class AllocatePaymentRequest {
  /** Whose accounts the payment is posted to; must equal the message's header. */
  @IsUUID() @LowerCase()
  organisationId: string;

  @IsUUID() @LowerCase()
  paymentId: string;

  @IsUUID() @LowerCase()
  customerId: string;

  @IsOptional() @IsUUID() @LowerCase()
  deviceId?: string;

  /** Provider name, e.g. "moncash": names the clearing account the money sits in. */
  @IsString() @MaxLength(32) @Matches(PROVIDER, { message: 'provider must be a lower-case provider id like "moncash"' })
  provider: string;

  // IsInt alone accepts 1e300; amounts must stay exact as JSON numbers and bigint columns.
  @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER)
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
  /** Whose accounts the delivery is posted to; must equal the message's header. */
  @IsUUID() @LowerCase()
  organisationId: string;

  @IsUUID() @LowerCase()
  paymentId: string;

  @IsUUID() @LowerCase()
  customerId: string;

  @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER)
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
export type LedgerAccountKind = (typeof LEDGER_ACCOUNT_KINDS)[number];

export const JOURNAL_ENTRY_KINDS = ['payment_allocation', 'energy_delivery'] as const;
export type JournalEntryKind = (typeof JOURNAL_ENTRY_KINDS)[number];

export { IsIn };
