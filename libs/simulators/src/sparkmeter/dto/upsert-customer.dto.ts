import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { SPARKMETER_APIS, SparkmeterApi } from '../domain/customer-book';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class UpsertCustomerDto {
  @ApiProperty({ pattern: /^[A-Za-z0-9_-]{1,32}$/.source })
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'code must be 1 to 32 letters, digits, "_" or "-"' })
  code: string;

  @ApiPropertyOptional({ maxLength: 120 })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(120)
  name?: string;

  @ApiProperty({ enum: [...SPARKMETER_APIS] })
  @IsIn(SPARKMETER_APIS as unknown as string[])
  api: SparkmeterApi;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER })
  @IsOptional() @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER)
  creditMinor?: number;
}
