import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ACCESS, Caller, Principal, RequireRoles } from '@limye/platform';
import { DeliveryService } from './delivery.service';
import { DeliveryView, toDeliveryView } from './delivery.view';
import { ListDeliveriesQuery } from './list-deliveries.query';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiErrors, ApiItemsResponse } from '@limye/platform';
import { DeliveryResponse } from './delivery.responses';

/** Operators' view of deliveries (documented at GET /openapi.json), each operator within their own organisation. */
@Controller('v1/deliveries')
export class DeliveryHttpController {
  constructor(private readonly deliveries: DeliveryService) {}

  @ApiOperation({ summary: 'List deliveries, newest first' })
  @ApiItemsResponse(DeliveryResponse, 'Matching deliveries.')
  @Get()
  @RequireRoles(...ACCESS.deliveriesRead)
  async list(@Caller() caller: Principal, @Query() query: ListDeliveriesQuery): Promise<{ items: DeliveryView[] }> {
    const items = await this.deliveries.list({ organisationId: caller.organisationId, paymentId: query.paymentId, status: query.status, limit: query.limit ?? 50 });
    return { items: items.map(toDeliveryView) };
  }

  @ApiOperation({ summary: 'Read a delivery' })
  @ApiOkResponse({ type: DeliveryResponse })
  @ApiErrors({ 404: 'NOT_FOUND: no delivery with this id.' })
  @Get(':id')
  @RequireRoles(...ACCESS.deliveriesRead)
  async get(@Caller() caller: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<DeliveryView> {
    return toDeliveryView(await this.deliveries.get(caller.organisationId, id));
  }

  @ApiOperation({ summary: 'Retry a failed delivery (same external_id at the vendor)' })
  @ApiOkResponse({ type: DeliveryResponse })
  @ApiErrors({ 404: 'NOT_FOUND: no delivery with this id.', 409: 'CONFLICT: the delivery is not failed; nothing to retry.' })
  @Post(':id/retry')
  @RequireRoles(...ACCESS.deliveriesOperate)
  @HttpCode(200)
  async retry(@Caller() caller: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<DeliveryView> {
    return toDeliveryView(await this.deliveries.retryByOperator(caller.organisationId, id, caller));
  }
}
