import { Controller, Get, Param, Query } from '@nestjs/common';
import { ACCESS, Caller, Principal, RequireRoles } from '@limye/platform';
import { SalesQueryService } from './sales-query.service';
import { ListSalesQuery, SaleView } from './sale.views';

/** The caller's organisation's sales; another organisation's reference is a 404. */
@Controller('v1/sales')
export class SalesHttpController {
  constructor(private readonly sales: SalesQueryService) {}

  @Get()
  @RequireRoles(...ACCESS.programmeRead)
  list(@Caller() caller: Principal, @Query() query: ListSalesQuery): Promise<{ items: SaleView[]; total: number; limit: number; offset: number }> {
    return this.sales.list(caller.organisationId, query);
  }

  @Get(':reference')
  @RequireRoles(...ACCESS.programmeRead)
  get(@Caller() caller: Principal, @Param('reference') reference: string): Promise<SaleView> {
    return this.sales.get(caller.organisationId, reference);
  }
}
