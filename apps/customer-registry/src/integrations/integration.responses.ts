import { ApiProperty } from '@nestjs/swagger';
import { INTEGRATION_SYSTEM_NAMES } from '@limye/contracts';
import { integrationFieldsDescription } from './integration-fields.description';

// The answers of the integrations HTTP API as OpenAPI schemas (the code builds them as IntegrationView).

/** An organisation's settings for one outside system: its options, and which secrets are set, never their values. */
export class IntegrationResponse {
  @ApiProperty({ enum: [...INTEGRATION_SYSTEM_NAMES] })
  system: string;

  @ApiProperty({
    type: 'object', additionalProperties: { type: 'string' },
    description: `Every option stored, by name. Per system:\n\n${integrationFieldsDescription(false)}`,
    example: { baseUrl: 'https://moncashbutton.digicelgroup.com/Api', gatewayUrl: 'https://moncashbutton.digicelgroup.com/Moncash-middleware', clientId: 'a1b2c3' },
  })
  options: Record<string, string>;

  @ApiProperty({ type: [String], description: 'The names of the secrets stored, sorted; their values are never returned.', example: ['clientSecret'] })
  secretsSet: string[];

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: string;

  @ApiProperty({ type: String, description: 'Who last changed them: `user:<id>` or `api_key:<id>`.', example: 'user:6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f' })
  updatedBy: string;
}
