import { Controller, Get, Param, Query } from '@nestjs/common';
import { ACCESS, Caller, Principal, RequireRoles } from '@limye/platform';
import { SalesQueryService } from './sales-query.service';
import { ListSalesQuery, SaleView } from './sale.views';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiErrors } from '@limye/platform';
import { SaleResponse, SalesPageResponse } from '../programme.responses';

/** The caller's organisation's sales; another organisation's reference is a 404. */
@Controller('v1/sales')
export class SalesHttpController {
  constructor(private readonly sales: SalesQueryService) {}

  @ApiOperation({ summary: 'List sales, newest first' })
  @ApiOkResponse({ type: SalesPageResponse })
  @Get()
  @RequireRoles(...ACCESS.programmeRead)
  list(@Caller() caller: Principal, @Query() query: ListSalesQuery): Promise<{ items: SaleView[]; total: number; limit: number; offset: number }> {
    return this.sales.list(caller.organisationId, query);
  }

  @ApiOperation({ summary: 'Read a sale by its reference' })
  @ApiOkResponse({ type: SaleResponse })
  @ApiErrors({ 404: 'ELIGIBILITY.SALE_NOT_FOUND: no sale with this reference.' })
  @Get(':reference')
  @RequireRoles(...ACCESS.programmeRead)
  get(@Caller() caller: Principal, @Param('reference') reference: string): Promise<SaleView> {
    return this.sales.get(caller.organisationId, reference);
  }
}
