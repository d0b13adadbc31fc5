import { Matches } from 'class-validator';
import { IsIsoDateTime } from './iso-date-time';
import { ApiProperty } from '@nestjs/swagger';

/** Body of `POST /omis/v1/sales/{reference}/confirmation`. */
export class ConfirmSaleDto {
  @ApiProperty({ pattern: /^\d{10}$/.source })
  @Matches(/^\d{10}$/, { message: 'householdId must be 10 digits' })
  householdId: string;

  @ApiProperty({ format: 'date-time' })
  @IsIsoDateTime('confirmedAt')
  confirmedAt: string;
}
