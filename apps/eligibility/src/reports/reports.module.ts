import { Module } from '@nestjs/common';

/** Placeholder: request-log CSV export (being built). */
@Module({})
export class ReportsModule {}
