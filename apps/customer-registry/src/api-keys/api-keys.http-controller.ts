import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { Caller, Principal, RequireRoles } from '@limye/platform';
import { OrganisationParams } from '../operators/operator.requests';
import { ApiKeyParams, CreateApiKeyRequest } from './api-key.requests';
import { ApiKeyView } from './api-key.view';
import { ApiKeysService } from './api-keys.service';

/** An organisation's API keys for integrations (docs/access.md): owners and admins only. */
@Controller('v1/organisations/:organisationId/api-keys')
@RequireRoles('owner', 'admin')
export class ApiKeysHttpController {
  constructor(private readonly keys: ApiKeysService) {}

  /** 201 with `apiKey`, the whole key: the only time it is shown. */
  @Post()
  create(@Caller() caller: Principal | undefined, @Param() params: OrganisationParams, @Body() body: CreateApiKeyRequest): Promise<ApiKeyView & { apiKey: string }> {
    return this.keys.create(caller, params.organisationId, body);
  }

  @Get()
  async list(@Caller() caller: Principal | undefined, @Param() params: OrganisationParams): Promise<{ items: ApiKeyView[] }> {
    return { items: await this.keys.list(caller, params.organisationId) };
  }

  /** Revokes the key (kept in the list with revokedAt); 200 with the key. */
  @Delete(':keyId')
  revoke(@Caller() caller: Principal | undefined, @Param() params: ApiKeyParams): Promise<ApiKeyView> {
    return this.keys.revoke(caller, params.organisationId, params.keyId);
  }
}
