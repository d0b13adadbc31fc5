import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiErrors, ApiItemsResponse, Caller, Principal, RequireRoles } from '@limye/platform';
import { ORGANISATION_NOT_FOUND } from '../operators/operator.responses';
import { OrganisationParams } from '../operators/operator.requests';
import { ApiKeyParams, CreateApiKeyRequest } from './api-key.requests';
import { ApiKeyView } from './api-key.view';
import { ApiKeyResponse, CreatedApiKeyResponse } from './api-key.responses';
import { ApiKeysService } from './api-keys.service';

/** An organisation's API keys for integrations (docs/access.md): owners and admins only. */
@Controller('v1/organisations/:organisationId/api-keys')
@RequireRoles('owner', 'admin')
export class ApiKeysHttpController {
  constructor(private readonly keys: ApiKeysService) {}

  /** 201 with `apiKey`, the whole key: the only time it is shown. */
  @ApiOperation({ summary: 'Create an API key (its secret is shown in this answer only)' })
  @ApiCreatedResponse({ type: CreatedApiKeyResponse, description: 'Created; `apiKey` is the whole key, never shown again.' })
  @ApiErrors({
    400: 'VALIDATION_FAILED: a field is missing or wrong, e.g. `expiresAt` not in the future (`fields` names it), or an unknown field; MALFORMED_JSON; JSON_TOO_DEEP.',
    403: 'FORBIDDEN: the token\'s role is not owner or admin, or an admin asked for an owner\'s key (only an owner makes one).',
    404: ORGANISATION_NOT_FOUND,
  })
  @Post()
  create(@Caller() caller: Principal | undefined, @Param() params: OrganisationParams, @Body() body: CreateApiKeyRequest): Promise<ApiKeyView & { apiKey: string }> {
    return this.keys.create(caller, params.organisationId, body);
  }

  @ApiOperation({ summary: 'List the organisation\'s API keys (without their secrets)' })
  @ApiItemsResponse(ApiKeyResponse, 'Every key, revoked and expired ones too, oldest first.')
  @ApiErrors({ 404: ORGANISATION_NOT_FOUND })
  @Get()
  async list(@Caller() caller: Principal | undefined, @Param() params: OrganisationParams): Promise<{ items: ApiKeyView[] }> {
    return { items: await this.keys.list(caller, params.organisationId) };
  }

  /** Revokes the key (kept in the list with revokedAt); 200 with the key. */
  @ApiOperation({ summary: 'Revoke an API key (it gets no more tokens; revoking again changes nothing)' })
  @ApiOkResponse({ type: ApiKeyResponse, description: 'The key, with `revokedAt`. Tokens it already got run out within AUTH_TOKEN_TTL_SECONDS.' })
  @ApiErrors({
    403: 'FORBIDDEN: the token\'s role is not owner or admin, or an admin tried to revoke an owner\'s key.',
    404: `${ORGANISATION_NOT_FOUND} ISSUER.API_KEY_NOT_FOUND: no such key in this organisation.`,
  })
  @Delete(':keyId')
  revoke(@Caller() caller: Principal | undefined, @Param() params: ApiKeyParams): Promise<ApiKeyView> {
    return this.keys.revoke(caller, params.organisationId, params.keyId);
  }
}
