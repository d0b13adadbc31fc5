import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AllocatePaymentReply, AllocatePaymentRequest, Subjects } from '@limye/contracts';
import { AllocationService } from './allocation.service';

@Controller()
export class AllocationNatsController {
  constructor(private readonly allocation: AllocationService) {}

  @MessagePattern(Subjects.ledgerPaymentAllocate)
  allocate(@Payload() req: AllocatePaymentRequest): Promise<AllocatePaymentReply> {
    return this.allocation.allocate(req);
  }
}
