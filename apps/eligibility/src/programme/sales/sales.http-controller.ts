import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { AdminApiKeyGuard } from '../admin/admin-api-key.guard';
import { SalesQueryService } from './sales-query.service';
import { ListSalesQuery, SaleView } from './sale.views';

@Controller('v1/sales')
@UseGuards(AdminApiKeyGuard)
export class SalesHttpController {
  constructor(private readonly sales: SalesQueryService) {}

  @Get()
  list(@Query() query: ListSalesQuery): Promise<{ items: SaleView[]; total: number; limit: number; offset: number }> {
    return this.sales.list(query);
  }

  @Get(':reference')
  get(@Param('reference') reference: string): Promise<SaleView> {
    return this.sales.get(reference);
  }
}
