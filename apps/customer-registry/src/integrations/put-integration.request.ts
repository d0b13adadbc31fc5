import { IsObject, IsOptional } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { integrationFieldsDescription } from './integration-fields.description';

/**
 * PUT /v1/organisations/:organisationId/integrations/:system. Field names and rules per system are in
 * INTEGRATION_SYSTEMS (libs/contracts): checked by the service, which names each bad field.
 */
export class PutIntegrationRequest {
  /** Every option of the system (a PUT replaces them). */
  @ApiPropertyOptional({
    type: 'object', additionalProperties: { type: 'string' },
    description: `Every option of the system, by name: a PUT replaces them all (one left out is removed). Per system:\n\n${integrationFieldsDescription(false)}`,
    example: { baseUrl: 'https://moncashbutton.digicelgroup.com/Api', gatewayUrl: 'https://moncashbutton.digicelgroup.com/Moncash-middleware', clientId: 'a1b2c3' },
  })
  @IsOptional() @IsObject()
  options?: Record<string, unknown>;

  /** Secrets to set; `null` clears one; one not given keeps its stored value. Never returned. */
  @ApiPropertyOptional({
    type: 'object', additionalProperties: { type: 'string', nullable: true }, writeOnly: true,
    description: `Secrets to set, by name: \`null\` clears one, one left out keeps its stored value (changing a URL needs no secret typed again). Stored sealed (AES-256-GCM); never returned or logged: answers list only their names (\`secretsSet\`). Per system:\n\n${integrationFieldsDescription(true)}`,
    example: { clientSecret: '…' },
  })
  @IsOptional() @IsObject()
  secrets?: Record<string, unknown>;
}
