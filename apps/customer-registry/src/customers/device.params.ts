import { IsUUID } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';

/** The :id and :deviceId of /v1/customers/:id/devices/:deviceId. */
export class DeviceParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'deviceId must be a UUID' })
  deviceId: string;
}
