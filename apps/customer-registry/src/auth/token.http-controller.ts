import { Body, Controller, Get, Headers, HttpCode, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '@limye/contracts';
import { PublicRoute } from '@limye/platform';
import { withRetryAfter } from './retry-after';
import { readTokenRequest } from './token-request';
import { TokenAnswer, TokenService } from './token.service';
import { TokenSigner } from './token-signer';

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
  @Get('.well-known/jwks.json')
  @PublicRoute('the public keys every service verifies tokens with')
  jwks(@Res({ passthrough: true }) res: Response): ReturnType<TokenSigner['jwks']> {
    // Verifiers fetch again when they meet a kid they do not know, so a short cache is enough for rotations.
    res.setHeader('Cache-Control', 'public, max-age=300');
    return this.signer.jwks();
  }
}
