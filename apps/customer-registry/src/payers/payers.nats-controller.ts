import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ResolvePayerReply, ResolvePayerRequest, Subjects } from '@limye/contracts';
import { PayersService } from './payers.service';

@Controller()
export class PayersNatsController {
  constructor(private readonly payers: PayersService) {}

  @MessagePattern(Subjects.registryPayerResolve)
  resolve(@Payload() request: ResolvePayerRequest): Promise<ResolvePayerReply> {
    return this.payers.resolve(request);
  }
}
