import { IsUUID } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';

/** The :id of /v1/customers/:id. */
export class CustomerParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;
}
