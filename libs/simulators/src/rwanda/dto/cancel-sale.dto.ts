import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** Body of `POST /omis/v1/sales/{reference}/cancellation`, e.g. `{"reason": "reservation_expired"}`. */
export class CancelSaleDto {
  @IsString() @IsNotEmpty() @MaxLength(200)
  reason: string;
}
