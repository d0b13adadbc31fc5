import { Controller, Get, Inject, Logger, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { fieldError, SERVICE_ENV } from '@limye/platform';
import { EligibilityEnv } from '../config/eligibility.env';
import { AdminApiKeyGuard } from '../programme/admin/admin-api-key.guard';
import { parseReportRange } from './domain/report-days';
import { ReportRangeQuery } from './report-range.query';
import { UssdRequestsCsvService } from './ussd-requests-csv.service';

@Controller('v1/reports')
@UseGuards(AdminApiKeyGuard)
export class ReportsHttpController {
  private readonly logger = new Logger(ReportsHttpController.name);

  constructor(
    private readonly csv: UssdRequestsCsvService,
    @Inject(SERVICE_ENV) private readonly env: EligibilityEnv,
  ) {}

  /** The request log of from..to (inclusive days in REPORTS_TIMEZONE) as a CSV download. */
  @Get('ussd-requests.csv')
  async ussdRequests(@Query() query: ReportRangeQuery, @Res() res: Response): Promise<void> {
    const range = parseReportRange(query.from, query.to, this.env.REPORTS_TIMEZONE);
    if (!range.ok) throw fieldError(range.field, range.problem);
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="ussd-requests-${range.from}-to-${range.to}.csv"`);
    res.setHeader('Cache-Control', 'no-store');
    try {
      const rows = await this.csv.write(range, res);
      res.end();
      this.logger.log({ msg: 'request log exported', from: range.from, to: range.to, rows });
    } catch (err) {
      // Headers are gone: all that is left is to cut the download, so the file is visibly incomplete.
      this.logger.warn({ msg: 'request log export interrupted', from: range.from, to: range.to, error: (err as Error).message });
      res.destroy();
    }
  }
}
