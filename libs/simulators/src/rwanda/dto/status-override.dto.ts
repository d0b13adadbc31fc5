import { Type } from 'class-transformer';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { IsIsoDateTime } from './iso-date-time';

export class OngoingSaleDto {
  @IsString() @IsNotEmpty() @MaxLength(64)
  reference: string;

  @IsString() @IsNotEmpty() @MaxLength(64)
  companyCode: string;

  @IsIsoDateTime('registeredAt')
  registeredAt: string;
}

/**
 * `PUT /sandbox/omis/households/{householdId}/status`: what OMIS answers for the household's status from
 * now on, field by field (a field left out is still OMIS's own), e.g. `{"ongoingSale": null}`.
 */
export class StatusOverrideDto {
  @IsOptional() @IsBoolean()
  subsidised?: boolean;

  @ValidateIf((_o: object, v: unknown) => v !== undefined && v !== null) @IsIsoDateTime('installedAt')
  installedAt?: string | null;

  @ValidateIf((_o: object, v: unknown) => v !== undefined && v !== null) @ValidateNested() @Type(() => OngoingSaleDto)
  ongoingSale?: OngoingSaleDto | null;

  @IsOptional() @IsBoolean()
  repossession?: boolean;
}
