import { Module } from '@nestjs/common';
import { DailyRequestLogJob } from './daily-request-log.job';
import { ReportsHttpController } from './reports.http-controller';
import { UssdRequestsCsvService } from './ussd-requests-csv.service';

/** The request-log CSV: download over the admin API, the daily file, and retention. */
@Module({
  controllers: [ReportsHttpController],
  providers: [UssdRequestsCsvService, DailyRequestLogJob],
})
export class ReportsModule {}
