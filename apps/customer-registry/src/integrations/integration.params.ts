import { IsIn, IsUUID } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { INTEGRATION_SYSTEM_NAMES, IntegrationSystem } from '@limye/contracts';

export class OrganisationParams {
  @ApiProperty({ format: 'uuid', description: 'The caller\'s own organisation; any other answers 404.' })
  @IsUUID('all', { message: 'organisationId must be a uuid' })
  organisationId: string;
}

export class IntegrationParams extends OrganisationParams {
  @ApiProperty({ enum: [...INTEGRATION_SYSTEM_NAMES], description: 'The outside system.' })
  @IsIn(INTEGRATION_SYSTEM_NAMES, { message: `system must be one of ${INTEGRATION_SYSTEM_NAMES.join(', ')}` })
  system: IntegrationSystem;
}
