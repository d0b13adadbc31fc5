import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { DEVICE_TYPES, DeviceType } from '@limye/contracts';
import { IsDeviceCode, IsVendorAccountRef } from './device-code';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One device in POST /v1/customers. */
export class RegisterDeviceRequest {
  @ApiProperty({ enum: [...DEVICE_TYPES] })
  @IsIn(DEVICE_TYPES as unknown as string[], { message: `type must be one of ${DEVICE_TYPES.join(', ')}` })
  type: DeviceType;

  /** The vendor whose cloud or token scheme serves the device, e.g. "sparkmeter", "openpaygo". */
  @ApiProperty({ description: 'The vendor whose cloud or token scheme serves the device, e.g. "sparkmeter", "openpaygo".', maxLength: 64, pattern: /\S/.source })
  @IsString() @MaxLength(64) @Matches(/\S/, { message: 'manufacturer must not be blank' })
  manufacturer: string;

  /** As printed on the device; matched without case, spaces and dashes. */
  @ApiProperty({ description: 'As printed on the device; matched without case, spaces and dashes.', pattern: /[A-Za-z0-9]/.source, maxLength: 64, example: 'SM16R-01-00001234' })
  @IsDeviceCode('serial') @Matches(/[A-Za-z0-9]/, { message: 'serial must contain a letter or a digit' })
  serial: string;

  /** The vendor's own customer id where the vendor credits accounts (a SparkMeter code such as "0252SHG"). */
  @ApiPropertyOptional({ description: 'The vendor\'s own customer id where the vendor credits accounts (a SparkMeter code such as "0252SHG").' })
  @IsOptional() @IsVendorAccountRef()
  vendorAccountRef?: string;
}
