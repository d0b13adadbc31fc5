import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { PhoneDisclosure } from './domain/csv';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Query of GET /v1/reports/ussd-requests.csv: inclusive days YYYY-MM-DD in REPORTS_TIMEZONE. */
export class ReportRangeQuery {
  @ApiProperty({ maxLength: 10, format: 'date', description: 'Inclusive day YYYY-MM-DD in REPORTS_TIMEZONE.', example: '2026-11-01' })
  @IsString({ message: 'from must be a date YYYY-MM-DD' }) @MaxLength(10, { message: 'from must be a date YYYY-MM-DD' })
  from: string;

  @ApiProperty({ maxLength: 10, format: 'date', description: 'Inclusive day YYYY-MM-DD in REPORTS_TIMEZONE.', example: '2026-11-01' })
  @IsString({ message: 'to must be a date YYYY-MM-DD' }) @MaxLength(10, { message: 'to must be a date YYYY-MM-DD' })
  to: string;

  /** `masked` (the default) or `full`, which only a caller with the reports.fullPhones permission gets. */
  @ApiPropertyOptional({ description: '`masked` (the default) or `full`, which only a caller with the reports.fullPhones permission gets.', enum: ['masked', 'full'] })
  @IsOptional() @IsIn(['masked', 'full'], { message: 'phones must be masked or full' })
  phones?: PhoneDisclosure;
}
