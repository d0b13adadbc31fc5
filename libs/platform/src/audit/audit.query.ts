import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

const DATE_MESSAGE = (field: string) => `${field} must be an ISO 8601 date-time, e.g. 2026-12-01T00:00:00Z`;

/** GET /v1/audit's query: a window [from, to), who, what, a page size and the cursor of the previous page. */
export class AuditQuery {
  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Rows at or after this instant.', example: '2026-12-01T00:00:00Z' })
  @IsOptional() @IsISO8601({ strict: true, strictSeparator: true }, { message: DATE_MESSAGE('from') })
  from?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Rows before this instant (not at it).' })
  @IsOptional() @IsISO8601({ strict: true, strictSeparator: true }, { message: DATE_MESSAGE('to') })
  to?: string;

  /** A user id or API key id (the token's `sub`). */
  @ApiPropertyOptional({ type: String, maxLength: 128, description: 'A user id or API key id (the token\'s `sub`).' })
  @IsOptional() @IsString() @MaxLength(128)
  actor?: string;

  @ApiPropertyOptional({ type: String, maxLength: 64, pattern: /^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/.source, example: 'customer.registered' })
  @IsOptional() @IsString() @Matches(/^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/, { message: 'action must look like customer.registered' }) @MaxLength(64)
  action?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 50 })
  @IsOptional() @Transform(({ value }) => (value === undefined ? undefined : Number(value)))
  @IsInt({ message: 'limit must be a whole number from 1 to 500' }) @Min(1, { message: 'limit must be a whole number from 1 to 500' }) @Max(500, { message: 'limit must be a whole number from 1 to 500' })
  limit?: number;

  /** `nextCursor` of the previous page, as it was given. */
  @ApiPropertyOptional({ type: String, maxLength: 200, description: '`nextCursor` of the previous page, as it was given.' })
  @IsOptional() @IsString() @MaxLength(200)
  cursor?: string;
}
