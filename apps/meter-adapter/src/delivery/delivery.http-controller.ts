import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ACCESS, Caller, Principal, RequireRoles } from '@limye/platform';
import { DeliveryService } from './delivery.service';
import { DeliveryView, toDeliveryView } from './delivery.view';
import { ListDeliveriesQuery } from './list-deliveries.query';

/** Operators' view of deliveries (openapi.yaml). */
@Controller('v1/deliveries')
export class DeliveryHttpController {
  constructor(private readonly deliveries: DeliveryService) {}

  @Get()
  @RequireRoles(...ACCESS.deliveriesRead)
  async list(@Query() query: ListDeliveriesQuery): Promise<{ items: DeliveryView[] }> {
    const items = await this.deliveries.list({ paymentId: query.paymentId, status: query.status, limit: query.limit ?? 50 });
    return { items: items.map(toDeliveryView) };
  }

  @Get(':id')
  @RequireRoles(...ACCESS.deliveriesRead)
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<DeliveryView> {
    return toDeliveryView(await this.deliveries.get(id));
  }

  @Post(':id/retry')
  @RequireRoles(...ACCESS.deliveriesOperate)
  @HttpCode(200)
  async retry(@Param('id', ParseUUIDPipe) id: string, @Caller() caller?: Principal): Promise<DeliveryView> {
    return toDeliveryView(await this.deliveries.retryByOperator(id, caller));
  }
}
