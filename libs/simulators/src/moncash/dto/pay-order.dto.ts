import { IsOptional, Matches } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';

export class PayOrderDto {
  @ApiPropertyOptional({ pattern: /^\d{8,15}$/.source })
  @IsOptional() @Matches(/^\d{8,15}$/, { message: 'payer must be a phone number of 8 to 15 digits, e.g. 50937000000' })
  payer?: string;
}
