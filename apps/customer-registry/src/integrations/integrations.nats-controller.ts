import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DomainError, ErrorCodes, GetIntegrationReply, GetIntegrationRequest, isIntegrationSystem, Subjects } from '@limye/contracts';
import { IntegrationsService } from './integrations.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Controller()
export class IntegrationsNatsController {
  constructor(private readonly integrations: IntegrationsService) {}

  /** Secrets stay sealed on the wire: only a service holding LIMYE_SECRETS_KEY opens them. */
  @MessagePattern(Subjects.registryIntegrationGet)
  get(@Payload() request: GetIntegrationRequest): Promise<GetIntegrationReply> {
    if (!request || typeof request.organisationId !== 'string' || !UUID.test(request.organisationId) || !isIntegrationSystem(request.system)) {
      throw new DomainError(ErrorCodes.validationFailed, 'organisationId (uuid) and a known system are required');
    }
    return this.integrations.forService(request.organisationId, request.system);
  }
}
