import { ApiProperty } from '@nestjs/swagger';
import { ROLES } from '@limye/platform';

// The answers of the API keys HTTP API as OpenAPI schemas (the code builds them as ApiKeyView).

/** An API key as lists show it: never its secret, never its hash. */
export class ApiKeyResponse {
  @ApiProperty({ type: String, format: 'uuid' })
  id: string;

  @ApiProperty({ type: String, description: '`lky_<id>`: the start of the key, to recognise it.', example: 'lky_3f6c0a9e2b7d4c1e8f5a6b7c8d9e0f1a' })
  prefix: string;

  @ApiProperty({ type: String, description: 'What the key is for.', example: 'accounting export' })
  name: string;

  @ApiProperty({ type: String, format: 'uuid' })
  organisationId: string;

  @ApiProperty({ enum: [...ROLES], description: 'The role of the tokens it gets.' })
  role: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'uuid', description: 'The user (or API key) that created it.' })
  createdBy: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null: it does not expire.' })
  expiresAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When it last got a token; null: never.' })
  lastUsedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null: not revoked.' })
  revokedAt: string | null;
}

/** A key just created, with its secret. */
export class CreatedApiKeyResponse extends ApiKeyResponse {
  @ApiProperty({
    type: String,
    description: 'The whole key, `lky_<id>_<secret>`: shown this once only (only its SHA-256 is kept). Exchange it at POST /v1/auth/token (grant_type `client_credentials` or `api_key`).',
    example: 'lky_3f6c0a9e2b7d4c1e8f5a6b7c8d9e0f1a_…',
  })
  apiKey: string;
}
