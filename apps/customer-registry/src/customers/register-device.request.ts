import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { DEVICE_TYPES, DeviceType } from '@limye/contracts';
import { IsDeviceCode, IsVendorAccountRef } from './device-code';

/** One device in POST /v1/customers. */
export class RegisterDeviceRequest {
  @IsIn(DEVICE_TYPES as unknown as string[], { message: `type must be one of ${DEVICE_TYPES.join(', ')}` })
  type: DeviceType;

  /** The vendor whose cloud or token scheme serves the device, e.g. "sparkmeter", "openpaygo". */
  @IsString() @MaxLength(64) @Matches(/\S/, { message: 'manufacturer must not be blank' })
  manufacturer: string;

  /** As printed on the device; matched without case, spaces and dashes. */
  @IsDeviceCode('serial') @Matches(/[A-Za-z0-9]/, { message: 'serial must contain a letter or a digit' })
  serial: string;

  /** The vendor's own customer id where the vendor credits accounts (a SparkMeter code such as "0252SHG"). */
  @IsOptional() @IsVendorAccountRef()
  vendorAccountRef?: string;
}
