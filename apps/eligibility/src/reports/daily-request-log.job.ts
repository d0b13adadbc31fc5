import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'crypto';
import { createWriteStream } from 'fs';
import { access, mkdir, rename, unlink } from 'fs/promises';
import { join } from 'path';
import { finished } from 'stream/promises';
import { DataSource } from 'typeorm';
import { PeriodicPass, returnedRows, SERVICE_ENV } from '@limye/platform';
import { EligibilityEnv } from '../config/eligibility.env';
import { dailyFileDue, dayStartUtc, parseDay } from './domain/report-days';
import { UssdRequestsCsvService } from './ussd-requests-csv.service';

/** How often the job looks whether yesterday's file is due. */
export const DAILY_CHECK_MS = 5 * 60_000;
const DELETE_BATCH = 10_000;

/**
 * Once a day (from 00:05 report-zone time) writes yesterday's request log as
 * `REPORTS_EXPORT_DIR/ussd-requests-YYYY-MM-DD.csv` if it is not there yet, through a temporary name and
 * a rename so a reader never sees half a file; phones as REPORTS_EXPORT_PHONES says (masked by default:
 * the file leaves the service's access control). On every check, deletes request-log rows older than
 * REQUEST_LOG_RETENTION_DAYS.
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
  async runOnce(now: Date = new Date()): Promise<{ file: string | null; deleted: number }> {
    let file: string | null = null;
    let deleted = 0;
    try {
      file = await this.writeDailyFile(now);
    } catch (err) {
      this.logger.error({ msg: 'daily request-log file not written', error: (err as Error).message });
    }
    try {
      deleted = await this.deleteExpired();
    } catch (err) {
      this.logger.error({ msg: 'request-log retention failed', error: (err as Error).message });
    }
    return { file, deleted };
  }

  private async writeDailyFile(now: Date): Promise<string | null> {
    const dir = this.env.REPORTS_EXPORT_DIR;
    if (!dir) return null;
    const zone = this.env.REPORTS_TIMEZONE;
    const day = dailyFileDue(now, zone);
    if (!day) return null;
    const target = join(dir, `ussd-requests-${day}.csv`);
    if (await exists(target)) return null;
    await mkdir(dir, { recursive: true });
    const temp = join(dir, `.ussd-requests-${day}.csv.${randomUUID()}.tmp`);
    const dayNumber = parseDay(day) as number;
    const out = createWriteStream(temp, { flags: 'wx' });
    try {
      const phones = this.env.REPORTS_EXPORT_PHONES;
      const rows = await this.csv.write({ startUtc: dayStartUtc(dayNumber, zone), endUtcExclusive: dayStartUtc(dayNumber + 1, zone) }, phones, out);
      out.end();
      await finished(out);
      await rename(temp, target);
      this.logger.log({ msg: 'daily request-log file written', file: target, phones, rows });
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
