import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { fieldError } from '../errors/validation';
import { AuditQuery } from './audit.query';

export interface AuditRow {
  id: string;
  organisationId: string;
  actorKind: string;
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  before: unknown;
  after: unknown;
  correlationId: string | null;
  /** ISO 8601 with microseconds (PostgreSQL's own precision, which the cursor needs). */
  at: string;
}

export interface AuditPage {
  items: AuditRow[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

const DEFAULT_LIMIT = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Reads one organisation's audit rows, newest first, a page at a time (keyset on (at, id): stable while rows are added). */
@Injectable()
export class AuditLogReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async page(organisationId: string, q: AuditQuery): Promise<AuditPage> {
    const from = q.from ? parseDate('from', q.from) : null;
    const to = q.to ? parseDate('to', q.to) : null;
    if (from && to && from.getTime() > to.getTime()) {
      throw fieldError('to', 'to must not be before from');
    }
    const after = q.cursor ? decodeCursor(q.cursor) : null;
    const limit = q.limit ?? DEFAULT_LIMIT;
    const rows: Array<Omit<AuditRow, 'organisationId'> & { organisationId: string }> = await this.dataSource.query(
      `SELECT id, organisation_id AS "organisationId", actor_kind AS "actorKind", actor_id AS "actorId", action,
              target_type AS "targetType", target_id AS "targetId", before, after, correlation_id AS "correlationId",
              to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at
       FROM audit_log
       WHERE organisation_id = $1
         AND ($2::timestamptz IS NULL OR at >= $2::timestamptz)
         AND ($3::timestamptz IS NULL OR at < $3::timestamptz)
         AND ($4::text IS NULL OR actor_id = $4::text)
         AND ($5::text IS NULL OR action = $5::text)
         AND ($6::timestamptz IS NULL OR (at, id) < ($6::timestamptz, $7::uuid))
       ORDER BY at DESC, id DESC
       LIMIT $8`,
      // from/to as given (PostgreSQL reads microseconds; a JS Date would cut them to milliseconds).
      [organisationId, from ? q.from : null, to ? q.to : null, q.actor ?? null, q.action ?? null, after?.at ?? null, after?.id ?? null, limit + 1],
    );
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.at, last.id) : null };
  }
}

function parseDate(field: 'from' | 'to', value: string): Date {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw fieldError(field, `${field} must be an ISO 8601 date-time, e.g. 2026-12-01T00:00:00Z`);
  return d;
}

function encodeCursor(at: string, id: string): string {
  return Buffer.from(`${at}|${id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { at: string; id: string } {
  const [at, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (rest.length > 0 || !id || !UUID.test(id) || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(at ?? '')) {
    throw fieldError('cursor', 'cursor is not one this endpoint gave (pass nextCursor as it was)');
  }
  return { at, id };
}
