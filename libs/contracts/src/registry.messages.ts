import { IsDefined, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';

export const DEVICE_TYPES = ['meter', 'shs', 'ebike'] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

/** What a payment carries about its payer; at least one of accountNumber, serial and phone must be present. */
export class ResolvePayerRequest {
  /** The organisation whose customers the payer is looked for among (only those); must equal the message's header. */
  @IsUUID()
  organisationId: string;

  // Optional unless serial and phone are missing too: then the payload names no payer and is refused.
  @ValidateIf((o: ResolvePayerRequest) => o.accountNumber != null || (o.serial == null && o.phone == null))
  @IsDefined({ message: 'one of accountNumber, serial or phone is required' })
  @IsString() @MinLength(1) @MaxLength(64)
  accountNumber?: string;

  @IsOptional() @IsString() @MinLength(1) @MaxLength(64)
  serial?: string;

  @IsOptional() @IsString() @MinLength(4) @MaxLength(32)
  phone?: string;

  /** Default country for a phone in local form, e.g. "HT" (ISO 3166 alpha-2). */
  @IsOptional() @IsString() @MinLength(2) @MaxLength(2)
  country?: string;
}

export interface DeviceRef {
  id: string;
  type: DeviceType;
  manufacturer: string;
  serial: string;
  vendorAccountRef: string | null;
  siteId: string | null;
}

export interface CustomerRef {
  id: string;
  name: string;
  accountNumber: string;
  siteId: string | null;
}

export type ResolvePayerOutcome = 'matched' | 'no_match' | 'ambiguous';

export interface ResolvePayerReply {
  outcome: ResolvePayerOutcome;
  /** How the payer was found ("accountNumber", "serial", "phone"), or why not. */
  matchedBy?: 'accountNumber' | 'serial' | 'phone';
  reason?: string;
  customer?: CustomerRef;
  device?: DeviceRef;
}

export const RESOLVE_OUTCOMES: readonly ResolvePayerOutcome[] = ['matched', 'no_match', 'ambiguous'];
export { IsIn };
