import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { AdminApiKeyGuard } from '../admin/admin-api-key.guard';
import { SalesQueryService } from './sales-query.service';
import { ListSalesQuery, SaleView } from './sale.views';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiErrors } from '@limye/platform';
import { SaleResponse, SalesPageResponse } from '../programme.responses';

@Controller('v1/sales')
@UseGuards(AdminApiKeyGuard)
export class SalesHttpController {
  constructor(private readonly sales: SalesQueryService) {}

  @ApiOperation({ summary: 'List sales, newest first' })
  @ApiOkResponse({ type: SalesPageResponse })
  @Get()
  list(@Query() query: ListSalesQuery): Promise<{ items: SaleView[]; total: number; limit: number; offset: number }> {
    return this.sales.list(query);
  }

  @ApiOperation({ summary: 'Read a sale by its reference' })
  @ApiOkResponse({ type: SaleResponse })
  @ApiErrors({ 404: 'ELIGIBILITY.SALE_NOT_FOUND: no sale with this reference.' })
  @Get(':reference')
  get(@Param('reference') reference: string): Promise<SaleView> {
    return this.sales.get(reference);
  }
}
