import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { Caller, Principal } from '@limye/platform';
import { AdminApiKeyGuard } from '../admin/admin-api-key.guard';
import { SalesQueryService } from './sales-query.service';
import { ListSalesQuery, SaleView } from './sale.views';

/** The caller's organisation's sales; another organisation's reference is a 404. */
@Controller('v1/sales')
@UseGuards(AdminApiKeyGuard)
export class SalesHttpController {
  constructor(private readonly sales: SalesQueryService) {}

  @Get()
  list(@Caller() caller: Principal, @Query() query: ListSalesQuery): Promise<{ items: SaleView[]; total: number; limit: number; offset: number }> {
    return this.sales.list(caller.organisationId, query);
  }

  @Get(':reference')
  get(@Caller() caller: Principal, @Param('reference') reference: string): Promise<SaleView> {
    return this.sales.get(caller.organisationId, reference);
  }
}
