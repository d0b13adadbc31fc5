import { Controller, ForbiddenException, Get, Headers, Inject, Logger, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ErrorCodes } from '@limye/contracts';
import { ACCESS, Caller, fieldError, Principal, RequireRoles, SERVICE_ENV } from '@limye/platform';
import { EligibilityEnv } from '../config/eligibility.env';
import { PhoneDisclosure } from './domain/csv';
import { parseReportRange } from './domain/report-days';
import { presentsPiiKey } from './full-phones-key';
import { ReportRangeQuery } from './report-range.query';
import { UssdRequestsCsvService } from './ussd-requests-csv.service';
import { ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import { ApiErrors } from '@limye/platform';

@Controller('v1/reports')
export class ReportsHttpController {
  private readonly logger = new Logger(ReportsHttpController.name);

  constructor(
    private readonly csv: UssdRequestsCsvService,
    @Inject(SERVICE_ENV) private readonly env: EligibilityEnv,
  ) {}

  /**
   * The request log of from..to (inclusive days in REPORTS_TIMEZONE) as a CSV download. Phones masked,
   * unless `phones=full` is asked by a caller who also presents the PII key (full-phones-key.ts); every such
   * request is logged. The caller's organisation's rows only.
   */
  @ApiOperation({ summary: 'The USSD request log of from..to (inclusive days in REPORTS_TIMEZONE) as a CSV download', description: 'Phones are masked (last 3 digits) unless phones=full is asked by a caller allowed to have them; every such request is logged (who, which days).' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The CSV (Content-Disposition: attachment).', content: { 'text/csv': { schema: { type: 'string' } } } })
  @ApiErrors({ 403: 'FORBIDDEN: the caller may not download the log, or may not have full phone numbers (the message says why).' })
  @Get('ussd-requests.csv')
  @RequireRoles(...ACCESS.programmeRead)
  async ussdRequests(@Query() query: ReportRangeQuery, @Caller() principal: Principal, @Headers('x-api-key') piiKey: string | undefined, @Res() res: Response): Promise<void> {
    const range = parseReportRange(query.from, query.to, this.env.REPORTS_TIMEZONE);
    if (!range.ok) throw fieldError(range.field, range.problem);
    const phones: PhoneDisclosure = query.phones ?? 'masked';
    const caller = `${principal.actorKind}:${principal.subject}`;
    if (phones === 'full') this.allowFullPhones(caller, presentsPiiKey(piiKey, this.env.ELIGIBILITY_PII_API_KEY), range);
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="ussd-requests-${range.from}-to-${range.to}.csv"`);
    res.setHeader('Cache-Control', 'no-store');
    try {
      const rows = await this.csv.write(principal.organisationId, range, phones, res);
      res.end();
      this.logger.log({ msg: 'request log exported', caller, organisationId: principal.organisationId, from: range.from, to: range.to, phones, rows });
    } catch (err) {
      // Headers are gone: all that is left is to cut the download, so the file is visibly incomplete.
      this.logger.warn({ msg: 'request log export interrupted', caller, from: range.from, to: range.to, phones, error: (err as Error).message });
      res.destroy();
    }
  }

  /** The audit trail of full phone numbers: who asked, for which days (the log line's time is when), granted or not. */
  private allowFullPhones(caller: string, withPiiKey: boolean, range: { from: string; to: string }): void {
    const audit = { caller, from: range.from, to: range.to };
    if (withPiiKey) {
      this.logger.log({ msg: 'full phone numbers requested: granted', ...audit });
      return;
    }
    const why = this.env.ELIGIBILITY_PII_API_KEY === ''
      ? 'full phone numbers are not given over the API: ELIGIBILITY_PII_API_KEY is not set'
      : 'full phone numbers need the ELIGIBILITY_PII_API_KEY key as X-API-Key beside the token; without it they are masked (leave out phones)';
    this.logger.warn({ msg: 'full phone numbers requested: refused', ...audit, reason: why });
    throw new ForbiddenException({ code: ErrorCodes.forbidden, message: why });
  }
}
