import { Body, Controller, Get, Headers, HttpCode, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '@limye/contracts';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { FORM_MEDIA_TYPE, JSON_MEDIA_TYPE, PublicRoute } from '@limye/platform';
import { withRetryAfter } from './retry-after';
import { readTokenRequest } from './token-request';
import { TokenAnswer, TokenService } from './token.service';
import { TokenSigner } from './token-signer';
import { TokenRequestBody } from './token-request.body';
import { ApiOAuthErrorResponse, ApiSignInLockedResponse, JwksResponse, TokenResponse } from './token.responses';

const NO_STORE = { 'Cache-Control': { description: '`no-store` (RFC 6749 §5.1), with `Pragma: no-cache`.', schema: { type: 'string' } } };

/** The built-in issuer's two public routes (docs/access.md, "The built-in issuer"). */
@Controller()
export class TokenHttpController {
  constructor(
    private readonly tokens: TokenService,
    private readonly signer: TokenSigner,
  ) {}

  /**
   * OAuth 2.0 token endpoint: form (application/x-www-form-urlencoded) or JSON body. Errors carry the OAuth
   * `error` and `error_description` and the platform's `statusCode`, `code` and `message`.
   */
  @ApiOperation({
    summary: 'Get an access token (OAuth 2.0 token endpoint: password, client_credentials or api_key grant)',
    description: 'A form (`application/x-www-form-urlencoded`, as OAuth 2.0 clients send it) or the same fields as JSON. Errors carry the OAuth `error` and `error_description` beside the platform\'s `statusCode`, `code` and `message` (docs/access.md, "The built-in issuer").',
  })
  @ApiConsumes(FORM_MEDIA_TYPE, JSON_MEDIA_TYPE)
  @ApiBody({
    type: TokenRequestBody,
    examples: {
      password: { summary: 'An operator user signs in', value: { grant_type: 'password', username: 'ops@example.org', password: 'correct horse battery', organisation_id: '00000000-0000-4000-8000-000000000001' } },
      client_credentials: { summary: 'An API key, OAuth style', value: { grant_type: 'client_credentials', client_secret: 'lky_<id>_<secret>' } },
      api_key: { summary: 'An API key', value: { grant_type: 'api_key', api_key: 'lky_<id>_<secret>' } },
    },
  })
  @ApiOkResponse({ type: TokenResponse, description: 'A token (never cached).', headers: NO_STORE })
  @ApiOAuthErrorResponse(400, 'invalid_request VALIDATION_FAILED (with `fields`): a field missing, not a string, over 1024 characters, `organisation_id` not a UUID, or a body neither a form nor a JSON object; unsupported_grant_type ISSUER.UNSUPPORTED_GRANT_TYPE; invalid_grant ISSUER.INVALID_CREDENTIALS: wrong password or unknown e-mail (one answer for both); invalid_grant ISSUER.USER_DISABLED / ISSUER.NO_MEMBERSHIP: right password, but disabled in, or not a member of, that organisation (or any).')
  @ApiOAuthErrorResponse(401, 'invalid_client ISSUER.INVALID_API_KEY / ISSUER.API_KEY_REVOKED / ISSUER.API_KEY_EXPIRED: the API key is unknown or wrong, revoked, or expired (with `WWW-Authenticate: Basic` when it came as HTTP Basic).')
  @ApiSignInLockedResponse(true)
  @Post('v1/auth/token')
  @PublicRoute('the token endpoint: callers come here to get a token (rate-limited per source and account)')
  @HttpCode(200)
  async token(@Body() body: unknown, @Headers('authorization') authorization: string | undefined, @Res({ passthrough: true }) res: Response): Promise<TokenAnswer> {
    // RFC 6749 §5.1: token answers (and their errors) are never cached.
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Pragma', 'no-cache');
    try {
      return await withRetryAfter(res, () => this.tokens.grant(readTokenRequest(body, authorization)));
    } catch (err) {
      // RFC 6749 §5.2: a client that authenticated with HTTP Basic gets its scheme back with a 401.
      if (err instanceof DomainError && err.httpStatus === 401 && /^Basic\s/i.test(authorization ?? '')) res.setHeader('WWW-Authenticate', 'Basic realm="limye"');
      throw err;
    }
  }

  /** The public keys tokens are signed with (the signing key first, then those still published). */
  @ApiOperation({ summary: 'The public keys access tokens are signed with (JWKS, RFC 7517)' })
  @ApiOkResponse({ type: JwksResponse, description: 'Cached for 5 minutes (`Cache-Control: public, max-age=300`); a verifier meeting an unknown `kid` fetches again.' })
  @Get('.well-known/jwks.json')
  @PublicRoute('the public keys every service verifies tokens with')
  jwks(@Res({ passthrough: true }) res: Response): ReturnType<TokenSigner['jwks']> {
    // Verifiers fetch again when they meet a kid they do not know, so a short cache is enough for rotations.
    res.setHeader('Cache-Control', 'public, max-age=300');
    return this.signer.jwks();
  }
}
