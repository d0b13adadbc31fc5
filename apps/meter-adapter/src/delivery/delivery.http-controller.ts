import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { DeliveryService } from './delivery.service';
import { DeliveryView, toDeliveryView } from './delivery.view';
import { ListDeliveriesQuery } from './list-deliveries.query';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiErrors, ApiItemsResponse } from '@limye/platform';
import { DeliveryResponse } from './delivery.responses';

/** Operators' view of deliveries (documented at GET /openapi.json). */
@Controller('v1/deliveries')
export class DeliveryHttpController {
  constructor(private readonly deliveries: DeliveryService) {}

  @ApiOperation({ summary: 'List deliveries, newest first' })
  @ApiItemsResponse(DeliveryResponse, 'Matching deliveries.')
  @Get()
  async list(@Query() query: ListDeliveriesQuery): Promise<{ items: DeliveryView[] }> {
    const items = await this.deliveries.list({ paymentId: query.paymentId, status: query.status, limit: query.limit ?? 50 });
    return { items: items.map(toDeliveryView) };
  }

  @ApiOperation({ summary: 'Read a delivery' })
  @ApiOkResponse({ type: DeliveryResponse })
  @ApiErrors({ 404: 'NOT_FOUND: no delivery with this id.' })
  @Get(':id')
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<DeliveryView> {
    return toDeliveryView(await this.deliveries.get(id));
  }

  @ApiOperation({ summary: 'Retry a failed delivery (same external_id at the vendor)' })
  @ApiOkResponse({ type: DeliveryResponse })
  @ApiErrors({ 404: 'NOT_FOUND: no delivery with this id.', 409: 'CONFLICT: the delivery is not failed; nothing to retry.' })
  @Post(':id/retry')
  @HttpCode(200)
  async retry(@Param('id', ParseUUIDPipe) id: string): Promise<DeliveryView> {
    return toDeliveryView(await this.deliveries.retry(id));
  }
}
