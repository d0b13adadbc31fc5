import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { requireMessageOrganisation } from '@limye/platform';
import { RecordDeliveryReply, RecordDeliveryRequest, Subjects } from '@limye/contracts';
import { DeliveryService } from './delivery.service';

@Controller()
export class DeliveryNatsController {
  constructor(private readonly delivery: DeliveryService) {}

  @MessagePattern(Subjects.ledgerDeliveryRecord)
  async record(@Payload() req: RecordDeliveryRequest): Promise<RecordDeliveryReply> {
    // Before anything is read or posted: a message whose header and payload name other organisations is refused.
    return this.delivery.record(requireMessageOrganisation(req.organisationId), req);
  }
}
