import { IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';

/** Body of PATCH /v1/customers/:id/devices/:deviceId. */
export class UpdateDeviceRequest {
  /** The vendor's own customer identifier (a SparkMeter customer code); null clears it. */
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(64)
  vendorAccountRef?: string | null;
}
