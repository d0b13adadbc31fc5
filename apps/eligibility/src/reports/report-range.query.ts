import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { PhoneDisclosure } from './domain/csv';

/** Query of GET /v1/reports/ussd-requests.csv: inclusive days YYYY-MM-DD in REPORTS_TIMEZONE. */
export class ReportRangeQuery {
  @IsString({ message: 'from must be a date YYYY-MM-DD' }) @MaxLength(10, { message: 'from must be a date YYYY-MM-DD' })
  from: string;

  @IsString({ message: 'to must be a date YYYY-MM-DD' }) @MaxLength(10, { message: 'to must be a date YYYY-MM-DD' })
  to: string;

  /** `masked` (the default) or `full`, which only a caller with the reports.fullPhones permission gets. */
  @IsOptional() @IsIn(['masked', 'full'], { message: 'phones must be masked or full' })
  phones?: PhoneDisclosure;
}
