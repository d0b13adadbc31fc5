import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { requireMessageOrganisation } from '@limye/platform';
import { AllocatePaymentReply, AllocatePaymentRequest, Subjects } from '@limye/contracts';
import { AllocationService } from './allocation.service';

@Controller()
export class AllocationNatsController {
  constructor(private readonly allocation: AllocationService) {}

  @MessagePattern(Subjects.ledgerPaymentAllocate)
  async allocate(@Payload() req: AllocatePaymentRequest): Promise<AllocatePaymentReply> {
    // Before anything is read or posted: a message whose header and payload name other organisations is refused.
    return this.allocation.allocate(requireMessageOrganisation(req.organisationId), req);
  }
}
