import { IsUUID } from 'class-validator';

/** The :id of /v1/customers/:id. */
export class CustomerParams {
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;
}
