import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, ApiSchema, getSchemaPath } from '@nestjs/swagger';
import { ERROR_SCHEMA_REF, ErrorBody } from '@limye/platform';

// The answers of the built-in issuer's HTTP API as OpenAPI schemas (the code builds them as TokenAnswer, the JWKS).

/** A token answer (RFC 6749 §5.1). */
@ApiSchema({ name: 'TokenResponse' })
export class TokenResponse {
  @ApiProperty({ type: String, description: 'The access token: a JWT (RS256/ES256, with a `kid`) to send as `Authorization: Bearer …`.' })
  access_token: string;

  @ApiProperty({ enum: ['Bearer'] })
  token_type: string;

  @ApiProperty({ type: 'integer', description: 'Seconds it is valid: AUTH_TOKEN_TTL_SECONDS, or less when the API key expires sooner.', example: 3600 })
  expires_in: number;
}

/** A refused token request: the platform's error body and the OAuth 2.0 error (RFC 6749 §5.2) in one. */
@ApiSchema({ name: 'OAuthError' })
export class OAuthErrorBody extends ErrorBody {
  @ApiProperty({ enum: ['invalid_request', 'invalid_grant', 'invalid_client', 'unsupported_grant_type'], description: 'The OAuth 2.0 error.', example: 'invalid_grant' })
  error: string;

  @ApiProperty({ type: String, description: 'The same as `message`.', example: 'e-mail or password is wrong' })
  error_description: string;

  @ApiPropertyOptional({ type: 'integer', description: 'With 429 ISSUER.SIGN_IN_LOCKED: the seconds to wait, as in `Retry-After`.', example: 900 })
  retryAfterSeconds?: number;
}

/** One public key of the JWKS (RFC 7517). */
export class JwkResponse {
  @ApiProperty({ enum: ['EC', 'RSA'] })
  kty: string;

  @ApiProperty({ type: String, description: 'The key\'s RFC 7638 thumbprint (SHA-256): the `kid` of the tokens it signed.' })
  kid: string;

  @ApiProperty({ enum: ['ES256', 'RS256'] })
  alg: string;

  @ApiProperty({ enum: ['sig'] })
  use: string;

  @ApiPropertyOptional({ type: String, description: 'EC keys: the curve.', example: 'P-256' })
  crv?: string;

  @ApiPropertyOptional({ type: String, description: 'EC keys (base64url).' })
  x?: string;

  @ApiPropertyOptional({ type: String, description: 'EC keys (base64url).' })
  y?: string;

  @ApiPropertyOptional({ type: String, description: 'RSA keys: the modulus (base64url).' })
  n?: string;

  @ApiPropertyOptional({ type: String, description: 'RSA keys: the exponent (base64url).' })
  e?: string;
}

/** The JSON Web Key Set every service verifies tokens with. */
export class JwksResponse {
  @ApiProperty({ type: () => JwkResponse, isArray: true, description: 'The signing key first, then the previous ones still published.' })
  keys: JwkResponse[];
}

const RETRY_AFTER_HEADER = { 'Retry-After': { description: 'Seconds until the e-mail address may try a password again.', schema: { type: 'integer' } } };

/**
 * The 429 of a route that checks a password under the sign-in lockout (operators/sign-in-lockout.ts), with its
 * Retry-After header. `oauth`: the token endpoint's body (OAuthError), else the platform's (Error).
 */
export function ApiSignInLockedResponse(oauth = false): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(OAuthErrorBody),
    ApiResponse({
      status: 429,
      description: 'ISSUER.SIGN_IN_LOCKED: AUTH_LOCKOUT_ATTEMPTS (5) wrong passwords in a row for this e-mail, known or not: locked for AUTH_LOCKOUT_SECONDS (900); `retryAfterSeconds` and `Retry-After` say how long is left.',
      headers: RETRY_AFTER_HEADER,
      content: { 'application/json': { schema: { $ref: oauth ? getSchemaPath(OAuthErrorBody) : ERROR_SCHEMA_REF } } },
    }),
  );
}

/** An answer of the token endpoint with the OAuthError body. */
export function ApiOAuthErrorResponse(status: number, description: string): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(OAuthErrorBody),
    ApiResponse({ status, description, content: { 'application/json': { schema: { $ref: getSchemaPath(OAuthErrorBody) } } } }),
  );
}
