import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { GRANT_TYPES } from './token-request';

/**
 * The body of POST /v1/auth/token as the API document shows it, the same schema for a form and for JSON.
 * Documentation only: readTokenRequest (token-request.ts) reads the body itself, not class-validator, so
 * that a bad one is answered as an OAuth 2.0 error. Which fields a grant needs is said on each field.
 */
@ApiSchema({ name: 'TokenRequest' })
export class TokenRequestBody {
  @ApiProperty({
    enum: [...GRANT_TYPES],
    description: '`password`: an operator user signs in (RFC 6749 §4.3). `client_credentials`: an API key as `client_secret` (§4.4). `api_key`: the same, the key as `api_key`, for clients without OAuth vocabulary.',
  })
  grant_type: string;

  @ApiPropertyOptional({ type: String, format: 'email', maxLength: 254, description: 'grant_type `password`, required: the user\'s e-mail (any case).', example: 'ops@example.org' })
  username?: string;

  @ApiPropertyOptional({ type: String, format: 'password', maxLength: 1024, writeOnly: true, description: 'grant_type `password`, required: the user\'s password.' })
  password?: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'grant_type `password`, optional: the organisation to sign in to; left out: the user\'s first enabled membership.' })
  organisation_id?: string;

  @ApiPropertyOptional({ type: String, maxLength: 1024, description: 'grant_type `client_credentials`, optional and not checked: the key\'s prefix `lky_<id>`, or anything.', example: 'lky_<id>' })
  client_id?: string;

  @ApiPropertyOptional({
    type: String, maxLength: 1024, writeOnly: true,
    description: 'grant_type `client_credentials`: the whole API key; required unless sent as the password of `Authorization: Basic` (client authentication, RFC 6749 §2.3.1).',
  })
  client_secret?: string;

  @ApiPropertyOptional({ type: String, maxLength: 1024, writeOnly: true, description: 'grant_type `api_key`, required: the whole API key.' })
  api_key?: string;

  @ApiPropertyOptional({ type: String, maxLength: 1024, description: 'Accepted and ignored: what a token may do is its role.' })
  scope?: string;
}
