import { IsDefined, Matches } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';

export class DirectPaymentDto {
  @ApiProperty({ pattern: /^\d{8,15}$/.source })
  @Matches(/^\d{8,15}$/, { message: 'payer must be a phone number of 8 to 15 digits, e.g. 50937000000' })
  payer: string;

  /** HTG as MonCash writes it: a number or decimal string with at most 2 decimals. */
  @ApiProperty({ description: 'HTG as MonCash writes it: a number or decimal string with at most 2 decimals.', oneOf: [{ type: 'string' }, { type: 'number' }], example: '250.50' })
  @IsDefined()
  amount: unknown;
}
