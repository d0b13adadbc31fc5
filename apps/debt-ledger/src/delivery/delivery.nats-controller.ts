import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { RecordDeliveryReply, RecordDeliveryRequest, Subjects } from '@limye/contracts';
import { DeliveryService } from './delivery.service';

@Controller()
export class DeliveryNatsController {
  constructor(private readonly delivery: DeliveryService) {}

  @MessagePattern(Subjects.ledgerDeliveryRecord)
  record(@Payload() req: RecordDeliveryRequest): Promise<RecordDeliveryReply> {
    return this.delivery.record(req);
  }
}
