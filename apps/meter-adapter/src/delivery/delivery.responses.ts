import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DELIVERY_STATUSES, DEVICE_TYPES } from '@limye/contracts';

// The answers of the deliveries HTTP API as OpenAPI schemas (the code builds them as DeliveryView).

/** The device credited. */
export class DeliveryDeviceResponse {
  @ApiProperty({ type: String, format: 'uuid' })
  id: string;

  @ApiProperty({ enum: [...DEVICE_TYPES] })
  type: string;

  @ApiProperty({ type: String })
  manufacturer: string;

  @ApiProperty({ type: String })
  serial: string;

  @ApiProperty({ type: String, nullable: true, description: 'The vendor\'s customer code (SparkMeter).' })
  vendorAccountRef: string | null;

  @ApiProperty({ type: String, nullable: true })
  siteId: string | null;
}

/** A delivery of energy credit to a device. */
export class DeliveryResponse {
  @ApiProperty({ type: String, format: 'uuid' })
  id: string;

  @ApiProperty({ type: String, format: 'uuid', description: 'The payment it delivers (also the vendor\'s external_id).' })
  paymentId: string;

  @ApiProperty({ type: String, format: 'uuid' })
  customerId: string;

  @ApiProperty({ type: () => DeliveryDeviceResponse })
  device: DeliveryDeviceResponse;

  @ApiProperty({ type: 'integer', description: 'Integer minor units of currency.', example: 25050 })
  amountMinor: number;

  @ApiProperty({ type: String, description: 'ISO 4217.', example: 'HTG' })
  currency: string;

  @ApiProperty({ type: String, nullable: true })
  memo: string | null;

  @ApiProperty({ type: String, description: 'The vendor API used.', example: 'sparkmeter-koios' })
  driver: string;

  @ApiProperty({ enum: [...DELIVERY_STATUSES] })
  status: string;

  @ApiProperty({ type: 'integer' })
  attempts: number;

  @ApiProperty({ type: String, nullable: true, description: 'The vendor\'s id for the credit.' })
  vendorRef: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Why it is waiting, or why it failed.' })
  reason: string | null;

  @ApiProperty({ type: String, nullable: true })
  failureCode: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  nextAttemptAt: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  deliveredAt: string | null;
}
