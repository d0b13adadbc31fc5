import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { SALE_REFERENCE } from './register-sale.dto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** `POST /sandbox/omis/sales`: another company's sale for a household, made in OMIS while the simulators run. */
export class OtherCompanySaleDto {
  @ApiProperty({ pattern: /^\d{10}$/.source })
  @Matches(/^\d{10}$/, { message: 'householdId must be 10 digits' })
  householdId: string;

  @ApiPropertyOptional({ maxLength: 64 })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(64)
  companyCode?: string;

  @ApiPropertyOptional({ pattern: SALE_REFERENCE.source })
  @IsOptional() @Matches(SALE_REFERENCE, { message: 'reference must be 1 to 64 letters, digits, "_" or "-"' })
  reference?: string;
}
