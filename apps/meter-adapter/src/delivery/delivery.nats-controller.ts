import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DeliveryReply, DeliveryRequest, Subjects } from '@limye/contracts';
import { DeliveryService } from './delivery.service';

@Controller()
export class DeliveryNatsController {
  constructor(private readonly deliveries: DeliveryService) {}

  @MessagePattern(Subjects.meterDeliveryRequest)
  request(@Payload() req: DeliveryRequest): Promise<DeliveryReply> {
    return this.deliveries.request(req);
  }
}
