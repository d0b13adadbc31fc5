import { IsBoolean, IsIn, IsInt, IsOptional, IsUrl, Max, Min } from 'class-validator';
import type { AlertFormat, DuplicateOrderPolicy } from '../moncash-config.service';
import { ApiPropertyOptional } from '@nestjs/swagger';

const URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

export class UpdateMoncashConfigDto {
  @ApiPropertyOptional({ format: 'uri' })
  @IsOptional() @IsUrl(URL_OPTIONS)
  alertUrl?: string;

  @ApiPropertyOptional({ format: 'uri' })
  @IsOptional() @IsUrl(URL_OPTIONS)
  returnUrl?: string;

  @ApiPropertyOptional({ enum: ['json', 'form'] })
  @IsOptional() @IsIn(['json', 'form'])
  alertFormat?: AlertFormat;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 20 })
  @IsOptional() @IsInt() @Min(1) @Max(20)
  duplicateAlerts?: number;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional() @IsBoolean()
  concurrentAlerts?: boolean;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional() @IsBoolean()
  dropAlerts?: boolean;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 600_000 })
  @IsOptional() @IsInt() @Min(0) @Max(600_000)
  alertDelayMs?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 86_400 })
  @IsOptional() @IsInt() @Min(1) @Max(86_400)
  tokenTtlSeconds?: number;

  @ApiPropertyOptional({ enum: ['conflict', 'existing-token'] })
  @IsOptional() @IsIn(['conflict', 'existing-token'])
  duplicateOrderId?: DuplicateOrderPolicy;
}
