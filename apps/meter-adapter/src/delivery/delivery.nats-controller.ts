import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DeliveryReply, DeliveryRequest, RetryDeliveryRequest, Subjects } from '@limye/contracts';
import { requireMessageOrganisation } from '@limye/platform';
import { DeliveryService } from './delivery.service';
import { toDeliveryReply } from './delivery.view';

/** Requests from payment-intake; each is for the organisation its header and payload agree on, or refused. */
@Controller()
export class DeliveryNatsController {
  constructor(private readonly deliveries: DeliveryService) {}

  @MessagePattern(Subjects.meterDeliveryRequest)
  request(@Payload() req: DeliveryRequest): Promise<DeliveryReply> {
    return this.deliveries.request(requireMessageOrganisation(req.organisationId), req);
  }

  @MessagePattern(Subjects.meterDeliveryRetry)
  async retry(@Payload() req: RetryDeliveryRequest): Promise<DeliveryReply> {
    return toDeliveryReply(await this.deliveries.retry(requireMessageOrganisation(req.organisationId), req.deliveryId));
  }
}
