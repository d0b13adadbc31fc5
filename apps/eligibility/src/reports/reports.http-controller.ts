import { Controller, ForbiddenException, Get, Inject, Logger, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { ErrorCodes } from '@limye/contracts';
import { fieldError, SERVICE_ENV } from '@limye/platform';
import { EligibilityEnv } from '../config/eligibility.env';
import { AdminApiKeyGuard, AdminCallerOf, RequiresPermission } from '../programme/admin/admin-api-key.guard';
import { AdminCaller } from '../programme/admin/admin-caller';
import { PhoneDisclosure } from './domain/csv';
import { parseReportRange } from './domain/report-days';
import { ReportRangeQuery } from './report-range.query';
import { UssdRequestsCsvService } from './ussd-requests-csv.service';
import { ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import { ApiErrors } from '@limye/platform';

@Controller('v1/reports')
@UseGuards(AdminApiKeyGuard)
@RequiresPermission('reports.read')
export class ReportsHttpController {
  private readonly logger = new Logger(ReportsHttpController.name);

  constructor(
    private readonly csv: UssdRequestsCsvService,
    @Inject(SERVICE_ENV) private readonly env: EligibilityEnv,
  ) {}

  /**
   * The request log of from..to (inclusive days in REPORTS_TIMEZONE) as a CSV download. Phones masked,
   * unless `phones=full` is asked by a caller allowed to have them; every such request is logged.
   */
  @ApiOperation({ summary: 'The USSD request log of from..to (inclusive days in REPORTS_TIMEZONE) as a CSV download', description: 'Phones are masked (last 3 digits) unless phones=full is asked by a caller allowed to have them; every such request is logged (who, which days).' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The CSV (Content-Disposition: attachment).', content: { 'text/csv': { schema: { type: 'string' } } } })
  @ApiErrors({ 403: 'FORBIDDEN: the caller may not download the log, or may not have full phone numbers (the message says why).' })
  @Get('ussd-requests.csv')
  async ussdRequests(@Query() query: ReportRangeQuery, @AdminCallerOf() caller: AdminCaller, @Res() res: Response): Promise<void> {
    const range = parseReportRange(query.from, query.to, this.env.REPORTS_TIMEZONE);
    if (!range.ok) throw fieldError(range.field, range.problem);
    const phones: PhoneDisclosure = query.phones ?? 'masked';
    if (phones === 'full') this.allowFullPhones(caller, range);
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="ussd-requests-${range.from}-to-${range.to}.csv"`);
    res.setHeader('Cache-Control', 'no-store');
    try {
      const rows = await this.csv.write(range, phones, res);
      res.end();
      this.logger.log({ msg: 'request log exported', caller: caller.name, from: range.from, to: range.to, phones, rows });
    } catch (err) {
      // Headers are gone: all that is left is to cut the download, so the file is visibly incomplete.
      this.logger.warn({ msg: 'request log export interrupted', caller: caller.name, from: range.from, to: range.to, phones, error: (err as Error).message });
      res.destroy();
    }
  }

  /** The audit trail of full phone numbers: who asked, for which days (the log line's time is when), granted or not. */
  private allowFullPhones(caller: AdminCaller, range: { from: string; to: string }): void {
    const audit = { caller: caller.name, from: range.from, to: range.to };
    if (caller.permissions.has('reports.fullPhones')) {
      this.logger.log({ msg: 'full phone numbers requested: granted', ...audit });
      return;
    }
    const why = this.env.ELIGIBILITY_PII_API_KEY === ''
      ? 'full phone numbers are not given over the API: ELIGIBILITY_PII_API_KEY is not set'
      : 'full phone numbers need the ELIGIBILITY_PII_API_KEY key as X-API-Key; this key gets them masked (leave out phones)';
    this.logger.warn({ msg: 'full phone numbers requested: refused', ...audit, reason: why });
    throw new ForbiddenException({ code: ErrorCodes.forbidden, message: why });
  }
}
