import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Writable } from 'stream';
import { DataSource } from 'typeorm';
import { SERVICE_ENV } from '@limye/platform';
import { EligibilityEnv } from '../config/eligibility.env';
import { CSV_BOM, csvRow, PhoneDisclosure, phoneCell } from './domain/csv';
import { formatReportTime } from './domain/report-days';

/**
 * Columns of the request-log CSV, in order. Phones appear masked (header `phone (masked)`) unless the
 * caller was allowed to ask for them in full (header `phone`); national IDs appear only masked; PINs never
 * reach the log.
 */
export function ussdRequestsCsvHeader(phones: PhoneDisclosure): readonly string[] {
  return [
    'time',
    phones === 'full' ? 'phone' : 'phone (masked)',
    'gateway',
    'session',
    'service code',
    'network',
    'language',
    'input',
    'screen',
    'outcome',
    'national ID (masked)',
    'duration ms',
  ];
}

const BATCH_ROWS = 1000;

interface LogRow {
  id: string;
  cursor_at: string;
  received_at: Date;
  phone: string;
  gateway: string;
  session_id: string;
  service_code: string | null;
  network_code: string | null;
  language: string | null;
  input_masked: string | null;
  screen: string;
  outcome: string;
  national_id_masked: string | null;
  duration_ms: number | null;
}

/**
 * The USSD request log of one organisation as CSV, streamed: rows are read in keyset batches and written
 * with back-pressure, so a year of log never sits in memory.
 */
@Injectable()
export class UssdRequestsCsvService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(SERVICE_ENV) private readonly env: EligibilityEnv,
  ) {}

  /**
   * Writes the organisation's CSV of [startUtc, endUtcExclusive) to `out` (not ended), phones as `phones`
   * says (the caller decides who may have them in full). Returns the number of data rows.
   */
  async write(organisationId: string, range: { startUtc: Date; endUtcExclusive: Date }, phones: PhoneDisclosure, out: Writable): Promise<number> {
    const zone = this.env.REPORTS_TIMEZONE;
    await writeChunk(out, CSV_BOM + csvRow(ussdRequestsCsvHeader(phones)));
    let count = 0;
    // received_at as Postgres prints it (microseconds), so the keyset never skips or repeats a row.
    let after: { at: string; id: string } | null = null;
    for (;;) {
      const rows: LogRow[] = await this.ds.query(
        `SELECT id, received_at::text AS cursor_at, received_at, phone, gateway, session_id, service_code, network_code, language,
                input_masked, screen, outcome, national_id_masked, duration_ms
           FROM ussd_requests
          WHERE organisation_id = $4 AND received_at >= $1 AND received_at < $2
            ${after ? 'AND (received_at, id) > ($5::timestamptz, $6::bigint)' : ''}
          ORDER BY received_at, id
          LIMIT $3`,
        after
          ? [range.startUtc, range.endUtcExclusive, BATCH_ROWS, organisationId, after.at, after.id]
          : [range.startUtc, range.endUtcExclusive, BATCH_ROWS, organisationId],
      );
      if (rows.length === 0) break;
      let chunk = '';
      for (const r of rows) {
        chunk += csvRow([
          formatReportTime(new Date(r.received_at), zone),
          phoneCell(r.phone, phones),
          r.gateway,
          r.session_id,
          r.service_code,
          r.network_code,
          r.language,
          r.input_masked,
          r.screen,
          r.outcome,
          r.national_id_masked,
          r.duration_ms,
        ]);
      }
      await writeChunk(out, chunk);
      count += rows.length;
      const last = rows[rows.length - 1];
      after = { at: last.cursor_at, id: String(last.id) };
      if (rows.length < BATCH_ROWS) break;
    }
    return count;
  }
}

/** Resolves when the stream can take more; rejects when it was closed (the client went away). */
function writeChunk(out: Writable, chunk: string): Promise<void> {
  if (out.destroyed) return Promise.reject(new Error('the output was closed'));
  if (out.write(chunk, 'utf8')) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      out.off('close', onClose);
      resolve();
    };
    const onClose = () => {
      out.off('drain', onDrain);
      reject(new Error('the output was closed'));
    };
    out.once('drain', onDrain);
    out.once('close', onClose);
  });
}
