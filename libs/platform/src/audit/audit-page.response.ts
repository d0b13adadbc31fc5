import { ApiProperty } from '@nestjs/swagger';

// GET /v1/audit's answer as OpenAPI schemas (the code builds it as AuditPage, audit-log.reader.ts).

/** One audited action. */
export class AuditRowResponse {
  @ApiProperty({ type: String, format: 'uuid' })
  id: string;

  @ApiProperty({ type: String, format: 'uuid', description: 'The organisation the change belongs to (always the caller\'s).' })
  organisationId: string;

  @ApiProperty({ enum: ['user', 'api_key', 'system', 'anonymous'] })
  actorKind: string;

  @ApiProperty({ type: String, nullable: true, description: 'The token\'s `sub` (user or API key id), or the job\'s name for `system`.' })
  actorId: string | null;

  @ApiProperty({ type: String, example: 'customer.registered' })
  action: string;

  @ApiProperty({ type: String, example: 'customer' })
  targetType: string;

  @ApiProperty({ type: String })
  targetId: string;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'The record before (null: it did not exist); personal data masked, secrets redacted.' })
  before: unknown;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'The record after (null: it is gone); masked like `before`.' })
  after: unknown;

  @ApiProperty({ type: String, nullable: true, description: 'The request\'s x-correlation-id.' })
  correlationId: string | null;

  @ApiProperty({ type: String, format: 'date-time', description: 'ISO 8601 with microseconds, UTC.', example: '2026-12-01T10:00:00.123456Z' })
  at: string;
}

/** A page of audit rows, newest first. */
export class AuditPageResponse {
  @ApiProperty({ type: [AuditRowResponse] })
  items: AuditRowResponse[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next (older) page; null on the last page.' })
  nextCursor: string | null;
}
