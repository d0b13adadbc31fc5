import { Controller, Delete, Get, HttpCode, Query } from '@nestjs/common';
import { PublicRoute } from '@limye/platform';
import { RequestRecord } from './domain/request-record';
import { ListRequestsQuery } from './dto/list-requests.query';
import { RequestLogService } from './request-log.service';

/** Control API: what reached the simulated vendors (never the control API itself). */
@PublicRoute('a simulator of the sandbox: plays an outside system (or its control API) for tests and demos, never deployed with real data')
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
