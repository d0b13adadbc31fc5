import { IsBoolean, IsIn, IsInt, IsOptional, IsUrl, Max, Min } from 'class-validator';
import type { AlertFormat, DuplicateOrderPolicy } from '../moncash-config.service';

const URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

export class UpdateMoncashConfigDto {
  @IsOptional() @IsUrl(URL_OPTIONS)
  alertUrl?: string;

  @IsOptional() @IsUrl(URL_OPTIONS)
  returnUrl?: string;

  @IsOptional() @IsIn(['json', 'form'])
  alertFormat?: AlertFormat;

  @IsOptional() @IsInt() @Min(1) @Max(20)
  duplicateAlerts?: number;

  @IsOptional() @IsBoolean()
  concurrentAlerts?: boolean;

  @IsOptional() @IsBoolean()
  dropAlerts?: boolean;

  @IsOptional() @IsInt() @Min(0) @Max(600_000)
  alertDelayMs?: number;

  @IsOptional() @IsInt() @Min(1) @Max(86_400)
  tokenTtlSeconds?: number;

  @IsOptional() @IsIn(['conflict', 'existing-token'])
  duplicateOrderId?: DuplicateOrderPolicy;
}
