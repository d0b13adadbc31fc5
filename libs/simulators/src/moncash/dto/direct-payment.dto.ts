import { IsDefined, Matches } from 'class-validator';

export class DirectPaymentDto {
  @Matches(/^\d{8,15}$/, { message: 'payer must be a phone number of 8 to 15 digits, e.g. 50937000000' })
  payer: string;

  /** HTG as MonCash writes it: a number or decimal string with at most 2 decimals. */
  @IsDefined()
  amount: unknown;
}
