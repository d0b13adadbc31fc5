import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DEVICE_TYPES } from '@limye/contracts';

// The answers of the customers and sites HTTP API as OpenAPI schemas (the code builds them as CustomerView, SiteView).

/** A customer's device. */
export class DeviceResponse {
  @ApiProperty({ type: String, format: 'uuid' })
  id: string;

  @ApiProperty({ enum: [...DEVICE_TYPES] })
  type: string;

  @ApiProperty({ type: String, description: 'The vendor whose cloud or token scheme serves the device.', example: 'sparkmeter' })
  manufacturer: string;

  @ApiProperty({ type: String, description: 'As registered (matched without case, spaces and dashes).', example: 'SM16R-01-00001234' })
  serial: string;

  @ApiProperty({ type: String, nullable: true, description: 'The vendor\'s own customer id (a SparkMeter customer code).', example: '0252SHG' })
  vendorAccountRef: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'haiti-north' })
  siteId: string | null;
}

/** A customer with their devices. */
export class CustomerResponse {
  @ApiProperty({ type: String, format: 'uuid' })
  id: string;

  @ApiProperty({ type: String, description: 'Personal data.' })
  name: string;

  @ApiProperty({ type: String, description: 'E.164; personal data.', example: '+50937001234' })
  phone: string;

  @ApiProperty({ type: String, description: 'Normalised (upper case, no spaces or dashes).', example: '1000008' })
  accountNumber: string;

  @ApiProperty({ type: String, nullable: true, example: 'haiti-north' })
  siteId: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: () => DeviceResponse, isArray: true })
  devices: DeviceResponse[];
}

/** A site. */
export class SiteResponse {
  @ApiProperty({ type: String, example: 'haiti-north' })
  id: string;

  @ApiProperty({ type: String })
  name: string;

  @ApiProperty({ type: String, description: 'ISO 3166-1 alpha-2.', example: 'HT' })
  country: string;

  @ApiProperty({ type: String, description: 'ISO 4217.', example: 'HTG' })
  currency: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: string;
}
