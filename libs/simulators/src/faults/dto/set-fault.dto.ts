import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { FAULT_MODES, FaultMode } from '../domain/fault-book';

export class SetFaultDto {
  @IsIn(FAULT_MODES as unknown as string[])
  mode: FaultMode;

  @IsOptional() @IsInt() @Min(0) @Max(120_000)
  delayMs?: number;

  @IsOptional() @IsInt() @Min(1) @Max(86_400_000)
  forMs?: number;

  @IsOptional() @IsInt() @Min(1) @Max(1_000_000)
  count?: number;

  /** 'status' mode: the HTTP status answered, e.g. 401 or 503. */
  @IsOptional() @IsInt() @Min(400) @Max(599)
  status?: number;

  /** e.g. "POST /api/v0/transaction": only requests whose method and path start so are hit. */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(300)
  match?: string;

  /** The fault that follows once this one ends (needs count or forMs). */
  @IsOptional() @ValidateNested() @Type(() => SetFaultDto)
  then?: SetFaultDto;
}
