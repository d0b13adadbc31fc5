import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/** `POST /sandbox/omis/sales/{reference}/cancellation`: OMIS's own staff cancel a sale. */
export class ControlCancelSaleDto {
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  reason?: string;
}
