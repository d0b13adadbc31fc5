import { IsOptional, ValidateIf } from 'class-validator';
import { IsVendorAccountRef } from './device-code';

/** Body of PATCH /v1/customers/:id/devices/:deviceId. */
export class UpdateDeviceRequest {
  /** The vendor's own customer identifier (a SparkMeter customer code), as on registration; null clears it. */
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsVendorAccountRef()
  vendorAccountRef?: string | null;
}
