import { IsString, MaxLength } from 'class-validator';

/** Query of GET /v1/reports/ussd-requests.csv: inclusive days YYYY-MM-DD in REPORTS_TIMEZONE. */
export class ReportRangeQuery {
  @IsString({ message: 'from must be a date YYYY-MM-DD' }) @MaxLength(10, { message: 'from must be a date YYYY-MM-DD' })
  from: string;

  @IsString({ message: 'to must be a date YYYY-MM-DD' }) @MaxLength(10, { message: 'to must be a date YYYY-MM-DD' })
  to: string;
}
