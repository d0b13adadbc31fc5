import { Type } from 'class-transformer';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { IsIsoDateTime } from './iso-date-time';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class OngoingSaleDto {
  @ApiProperty({ maxLength: 64 })
  @IsString() @IsNotEmpty() @MaxLength(64)
  reference: string;

  @ApiProperty({ maxLength: 64 })
  @IsString() @IsNotEmpty() @MaxLength(64)
  companyCode: string;

  @ApiProperty({ format: 'date-time' })
  @IsIsoDateTime('registeredAt')
  registeredAt: string;
}

/**
 * `PUT /sandbox/omis/households/{householdId}/status`: what OMIS answers for the household's status from
 * now on, field by field (a field left out is still OMIS's own), e.g. `{"ongoingSale": null}`.
 */
export class StatusOverrideDto {
  @ApiPropertyOptional({ type: Boolean })
  @IsOptional() @IsBoolean()
  subsidised?: boolean;

  @ApiPropertyOptional({ format: 'date-time', type: String, nullable: true })
  @ValidateIf((_o: object, v: unknown) => v !== undefined && v !== null) @IsIsoDateTime('installedAt')
  installedAt?: string | null;

  @ApiPropertyOptional({ type: () => OngoingSaleDto, nullable: true })
  @ValidateIf((_o: object, v: unknown) => v !== undefined && v !== null) @ValidateNested() @Type(() => OngoingSaleDto)
  ongoingSale?: OngoingSaleDto | null;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional() @IsBoolean()
  repossession?: boolean;
}
