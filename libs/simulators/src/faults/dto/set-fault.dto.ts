import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { FAULT_MODES, FaultMode } from '../domain/fault-book';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class SetFaultDto {
  @ApiProperty({ enum: [...FAULT_MODES] })
  @IsIn(FAULT_MODES as unknown as string[])
  mode: FaultMode;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 120_000 })
  @IsOptional() @IsInt() @Min(0) @Max(120_000)
  delayMs?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 86_400_000 })
  @IsOptional() @IsInt() @Min(1) @Max(86_400_000)
  forMs?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1_000_000 })
  @IsOptional() @IsInt() @Min(1) @Max(1_000_000)
  count?: number;

  /** 'status' mode: the HTTP status answered, e.g. 401 or 503. */
  @ApiPropertyOptional({ description: '\'status\' mode: the HTTP status answered, e.g. 401 or 503.', type: 'integer', minimum: 400, maximum: 599 })
  @IsOptional() @IsInt() @Min(400) @Max(599)
  status?: number;

  /** e.g. "POST /api/v0/transaction": only requests whose method and path start so are hit. */
  @ApiPropertyOptional({ description: 'e.g. "POST /api/v0/transaction": only requests whose method and path start so are hit.', maxLength: 300 })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(300)
  match?: string;

  /** The fault that follows once this one ends (needs count or forMs). */
  @ApiPropertyOptional({ description: 'The fault that follows once this one ends (needs count or forMs).', type: () => SetFaultDto })
  @IsOptional() @ValidateNested() @Type(() => SetFaultDto)
  then?: SetFaultDto;
}
