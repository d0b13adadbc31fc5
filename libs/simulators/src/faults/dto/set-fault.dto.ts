import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
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
}
