import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ResolvePayerReply, ResolvePayerRequest, Subjects } from '@limye/contracts';
import { requireMessageOrganisation } from '@limye/platform';
import { PayersService } from './payers.service';

@Controller()
export class PayersNatsController {
  constructor(private readonly payers: PayersService) {}

  @MessagePattern(Subjects.registryPayerResolve)
  async resolve(@Payload() request: ResolvePayerRequest): Promise<ResolvePayerReply> {
    // Before anything is read: a message whose header and payload name other organisations is refused.
    return this.payers.resolve(requireMessageOrganisation(request.organisationId), request);
  }
}
