import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'crypto';
import { createWriteStream } from 'fs';
import { access, mkdir, rename, unlink } from 'fs/promises';
import { join } from 'path';
import { finished } from 'stream/promises';
import { DataSource } from 'typeorm';
import { DEFAULT_ORGANISATION_ID, PeriodicPass, preparedQuery, returnedRows, SERVICE_ENV } from '@limye/platform';
import { EligibilityEnv } from '../config/eligibility.env';
import { dailyFileDue, dayStartUtc, parseDay } from './domain/report-days';
import { UssdRequestsCsvService } from './ussd-requests-csv.service';

/** How often the job looks whether yesterday's file is due. */
export const DAILY_CHECK_MS = 5 * 60_000;
const DELETE_BATCH = 10_000;

/**
 * Once a day (from 00:05 report-zone time) writes yesterday's request log, one file per organisation, if
 * it is not there yet, through a temporary name and a rename so a reader never sees half a file; phones as
 * REPORTS_EXPORT_PHONES says (masked by default: the file leaves the service's access control). The default
 * organisation's file is `REPORTS_EXPORT_DIR/ussd-requests-YYYY-MM-DD.csv` (written every day, as before
 * organisations); another organisation's is `REPORTS_EXPORT_DIR/<organisation id>/ussd-requests-YYYY-MM-DD.csv`,
 * written for a day it has rows. On every check, deletes request-log rows older than REQUEST_LOG_RETENTION_DAYS.
 */
@Injectable()
export class DailyRequestLogJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DailyRequestLogJob.name);
  /** Scheduled checks, one at a time (runOnce never rejects: it logs what failed). */
  private readonly passes = new PeriodicPass(() => this.runOnce());

  constructor(
    @Inject(SERVICE_ENV) private readonly env: EligibilityEnv,
    @InjectDataSource() private readonly ds: DataSource,
    private readonly csv: UssdRequestsCsvService,
  ) {}

  onApplicationBootstrap(): void {
    this.passes.start(DAILY_CHECK_MS, { immediately: true });
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.passes.stop();
  }

  /** One check at `now` (also for tests): the daily file if due and missing, then retention. */
  async runOnce(now: Date = new Date()): Promise<{ file: string | null; files: string[]; deleted: number }> {
    let file: string | null = null;
    const files: string[] = [];
    let deleted = 0;
    const day = this.env.REPORTS_EXPORT_DIR ? dailyFileDue(now, this.env.REPORTS_TIMEZONE) : null;
    if (day) {
      for (const organisationId of await this.organisationsOf(day).catch((err: Error) => this.failedListing(err))) {
        try {
          const written = await this.writeDailyFile(organisationId, day);
          if (written) files.push(written);
          if (organisationId === DEFAULT_ORGANISATION_ID) file = written;
        } catch (err) {
          this.logger.error({ msg: 'daily request-log file not written', organisationId, error: (err as Error).message });
        }
      }
    }
    try {
      deleted = await this.deleteExpired();
    } catch (err) {
      this.logger.error({ msg: 'request-log retention failed', error: (err as Error).message });
    }
    return { file, files, deleted };
  }

  /** The organisations that get a file for `day`: the default one always, any other with rows that day. */
  private async organisationsOf(day: string): Promise<string[]> {
    const dayNumber = parseDay(day) as number;
    const zone = this.env.REPORTS_TIMEZONE;
    const rows = await preparedQuery<{ organisation_id: string }>(
      this.ds,
      `SELECT DISTINCT organisation_id FROM ussd_requests WHERE received_at >= $1 AND received_at < $2`,
      [dayStartUtc(dayNumber, zone), dayStartUtc(dayNumber + 1, zone)],
    );
    return [DEFAULT_ORGANISATION_ID, ...rows.map((r) => r.organisation_id).filter((o) => o !== DEFAULT_ORGANISATION_ID).sort()];
  }

  private failedListing(err: Error): string[] {
    this.logger.error({ msg: 'daily request-log files not written: organisations not listed', error: err.message });
    return [];
  }

  private async writeDailyFile(organisationId: string, day: string): Promise<string | null> {
    const root = this.env.REPORTS_EXPORT_DIR;
    const zone = this.env.REPORTS_TIMEZONE;
    // The organisation id is a uuid read from our own table: safe as a folder name.
    const dir = organisationId === DEFAULT_ORGANISATION_ID ? root : join(root, organisationId);
    const target = join(dir, `ussd-requests-${day}.csv`);
    if (await exists(target)) return null;
    await mkdir(dir, { recursive: true });
    const temp = join(dir, `.ussd-requests-${day}.csv.${randomUUID()}.tmp`);
    const dayNumber = parseDay(day) as number;
    const out = createWriteStream(temp, { flags: 'wx' });
    try {
      const phones = this.env.REPORTS_EXPORT_PHONES;
      const rows = await this.csv.write(organisationId, { startUtc: dayStartUtc(dayNumber, zone), endUtcExclusive: dayStartUtc(dayNumber + 1, zone) }, phones, out);
      out.end();
      await finished(out);
      await rename(temp, target);
      this.logger.log({ msg: 'daily request-log file written', organisationId, file: target, phones, rows });
      return target;
    } catch (err) {
      out.destroy();
      await unlink(temp).catch(() => undefined);
      throw err;
    }
  }

  /** Deletes rows past retention in batches, so one run never holds a huge transaction. */
  private async deleteExpired(): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = returnedRows<{ id: string }>(
        await this.ds.query(
          `DELETE FROM ussd_requests WHERE id IN (
             SELECT id FROM ussd_requests WHERE received_at < now() - ($1::int * interval '1 day') LIMIT $2)
           RETURNING id`,
          [this.env.REQUEST_LOG_RETENTION_DAYS, DELETE_BATCH],
        ),
      );
      total += rows.length;
      if (rows.length < DELETE_BATCH) break;
    }
    if (total > 0) this.logger.log({ msg: 'request-log rows past retention deleted', rows: total, retentionDays: this.env.REQUEST_LOG_RETENTION_DAYS });
    return total;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
