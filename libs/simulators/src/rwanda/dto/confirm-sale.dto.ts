import { Matches } from 'class-validator';
import { IsIsoDateTime } from './iso-date-time';

/** Body of `POST /omis/v1/sales/{reference}/confirmation`. */
export class ConfirmSaleDto {
  @Matches(/^\d{10}$/, { message: 'householdId must be 10 digits' })
  householdId: string;

  @IsIsoDateTime('confirmedAt')
  confirmedAt: string;
}
