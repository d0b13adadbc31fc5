import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DeliveryReply, DeliveryRequest, RetryDeliveryRequest, Subjects } from '@limye/contracts';
import { DeliveryService } from './delivery.service';
import { toDeliveryReply } from './delivery.view';

@Controller()
export class DeliveryNatsController {
  constructor(private readonly deliveries: DeliveryService) {}

  @MessagePattern(Subjects.meterDeliveryRequest)
  request(@Payload() req: DeliveryRequest): Promise<DeliveryReply> {
    return this.deliveries.request(req);
  }

  @MessagePattern(Subjects.meterDeliveryRetry)
  async retry(@Payload() req: RetryDeliveryRequest): Promise<DeliveryReply> {
    return toDeliveryReply(await this.deliveries.retry(req.deliveryId));
  }
}
