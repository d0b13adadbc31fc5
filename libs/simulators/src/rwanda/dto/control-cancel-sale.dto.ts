import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';

/** `POST /sandbox/omis/sales/{reference}/cancellation`: OMIS's own staff cancel a sale. */
export class ControlCancelSaleDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  reason?: string;
}
