import { Controller, Get, Param, Query } from '@nestjs/common';
import { ACCESS, RequireRoles } from '@limye/platform';
import { SalesQueryService } from './sales-query.service';
import { ListSalesQuery, SaleView } from './sale.views';

@Controller('v1/sales')
export class SalesHttpController {
  constructor(private readonly sales: SalesQueryService) {}

  @Get()
  @RequireRoles(...ACCESS.programmeRead)
  list(@Query() query: ListSalesQuery): Promise<{ items: SaleView[]; total: number; limit: number; offset: number }> {
    return this.sales.list(query);
  }

  @Get(':reference')
  @RequireRoles(...ACCESS.programmeRead)
  get(@Param('reference') reference: string): Promise<SaleView> {
    return this.sales.get(reference);
  }
}
