import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';

/** Body of `POST /omis/v1/sales/{reference}/cancellation`, e.g. `{"reason": "reservation_expired"}`. */
export class CancelSaleDto {
  @ApiProperty({ maxLength: 200 })
  @IsString() @IsNotEmpty() @MaxLength(200)
  reason: string;
}
