import { Controller, Delete, Get, HttpCode, Query } from '@nestjs/common';
import { RequestRecord } from './domain/request-record';
import { ListRequestsQuery } from './dto/list-requests.query';
import { RequestLogService } from './request-log.service';

/** Control API: what reached the simulated vendors (never the control API itself). */
@Controller('sandbox/requests')
export class RequestLogController {
  constructor(private readonly requests: RequestLogService) {}

  @Get()
  list(@Query() query: ListRequestsQuery): { requests: RequestRecord[] } {
    return { requests: this.requests.list(query) };
  }

  @Delete()
  @HttpCode(204)
  clear(): void {
    this.requests.clear();
  }
}
