import { IsUUID } from 'class-validator';

/** The :id and :deviceId of /v1/customers/:id/devices/:deviceId. */
export class DeviceParams {
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;

  @IsUUID('all', { message: 'deviceId must be a UUID' })
  deviceId: string;
}
