import { Body, Controller, Headers, HttpCode, Post, Query, UseFilters } from '@nestjs/common';
import { PublicRoute } from '@limye/platform';
import { VendorReplyFilter } from '../common/vendor-reply.filter';
import { MoncashAuthService, MoncashTokenResponse } from './moncash-auth.service';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';

/** `POST /Api/oauth/token`: Basic client credentials, form body `scope=read,write&grant_type=client_credentials`. */
@PublicRoute('a simulator of the sandbox: plays an outside system (or its control API) for tests and demos, never deployed with real data')
@Controller('Api/oauth')
@UseFilters(VendorReplyFilter)
export class MoncashOauthController {
  constructor(private readonly auth: MoncashAuthService) {}

  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiBody({ required: false, description: 'MonCash\'s OAuth client-credentials request (grant_type=client_credentials, scope=read,write), with HTTP Basic client id and secret.', schema: { type: 'object', additionalProperties: true } })
  @Post('token')
  @HttpCode(200)
  token(
    @Headers('authorization') authorization: string | undefined,
    @Body() body: Record<string, unknown> | undefined,
    @Query() query: Record<string, unknown>,
  ): MoncashTokenResponse {
    // Spring's token endpoint (which MonCash runs) also takes the parameters in the query string.
    return this.auth.issueToken(authorization, body?.grant_type ?? query.grant_type);
  }
}
