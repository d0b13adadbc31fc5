import { IsOptional, ValidateIf } from 'class-validator';
import { IsVendorAccountRef } from './device-code';
import { ApiPropertyOptional } from '@nestjs/swagger';

/** Body of PATCH /v1/customers/:id/devices/:deviceId. */
export class UpdateDeviceRequest {
  /** The vendor's own customer identifier (a SparkMeter customer code), as on registration; null clears it. */
  @ApiPropertyOptional({ description: 'The vendor\'s own customer identifier (a SparkMeter customer code), as on registration; null clears it.', type: String, nullable: true })
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsVendorAccountRef()
  vendorAccountRef?: string | null;
}
