import { IsIn, IsUUID } from 'class-validator';
import { INTEGRATION_SYSTEM_NAMES, IntegrationSystem } from '@limye/contracts';

export class OrganisationParams {
  @IsUUID('all', { message: 'organisationId must be a uuid' })
  organisationId: string;
}

export class IntegrationParams extends OrganisationParams {
  @IsIn(INTEGRATION_SYSTEM_NAMES, { message: `system must be one of ${INTEGRATION_SYSTEM_NAMES.join(', ')}` })
  system: IntegrationSystem;
}
