import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ACCESS, Caller, Principal, RequireRoles } from '@limye/platform';
import { DeliveryService } from './delivery.service';
import { DeliveryView, toDeliveryView } from './delivery.view';
import { ListDeliveriesQuery } from './list-deliveries.query';

/** Operators' view of deliveries (openapi.yaml), each operator within their own organisation. */
@Controller('v1/deliveries')
export class DeliveryHttpController {
  constructor(private readonly deliveries: DeliveryService) {}

  @Get()
  @RequireRoles(...ACCESS.deliveriesRead)
  async list(@Caller() caller: Principal, @Query() query: ListDeliveriesQuery): Promise<{ items: DeliveryView[] }> {
    const items = await this.deliveries.list({ organisationId: caller.organisationId, paymentId: query.paymentId, status: query.status, limit: query.limit ?? 50 });
    return { items: items.map(toDeliveryView) };
  }

  @Get(':id')
  @RequireRoles(...ACCESS.deliveriesRead)
  async get(@Caller() caller: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<DeliveryView> {
    return toDeliveryView(await this.deliveries.get(caller.organisationId, id));
  }

  @Post(':id/retry')
  @RequireRoles(...ACCESS.deliveriesOperate)
  @HttpCode(200)
  async retry(@Caller() caller: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<DeliveryView> {
    return toDeliveryView(await this.deliveries.retry(caller.organisationId, id));
  }
}
