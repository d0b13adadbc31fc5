import { Transform } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

const DATE_MESSAGE = (field: string) => `${field} must be an ISO 8601 date-time, e.g. 2026-12-01T00:00:00Z`;

/** GET /v1/audit's query: a window [from, to), who, what, a page size and the cursor of the previous page. */
export class AuditQuery {
  @IsOptional() @IsISO8601({ strict: true, strictSeparator: true }, { message: DATE_MESSAGE('from') })
  from?: string;

  @IsOptional() @IsISO8601({ strict: true, strictSeparator: true }, { message: DATE_MESSAGE('to') })
  to?: string;

  /** A user id or API key id (the token's `sub`). */
  @IsOptional() @IsString() @MaxLength(128)
  actor?: string;

  @IsOptional() @IsString() @Matches(/^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/, { message: 'action must look like customer.registered' }) @MaxLength(64)
  action?: string;

  @IsOptional() @Transform(({ value }) => (value === undefined ? undefined : Number(value)))
  @IsInt({ message: 'limit must be a whole number from 1 to 500' }) @Min(1, { message: 'limit must be a whole number from 1 to 500' }) @Max(500, { message: 'limit must be a whole number from 1 to 500' })
  limit?: number;

  /** `nextCursor` of the previous page, as it was given. */
  @IsOptional() @IsString() @MaxLength(200)
  cursor?: string;
}
