import { Body, Controller, Get, Param, Post, Put, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ACCESS, Caller, callerOrganisation, Principal, RequireRoles } from '@limye/platform';
import { CreateSiteRequest } from './create-site.request';
import { PutSiteRequest } from './put-site.request';
import { SiteParams } from './site.params';
import { SiteView, toSiteView } from './site.view';
import { SitesService } from './sites.service';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiErrors, ApiItemsResponse } from '@limye/platform';
import { SiteResponse } from '../customers/customer.responses';

/** Sites of the caller's organisation only (site ids are unique within an organisation). */
@Controller('v1/sites')
export class SitesHttpController {
  constructor(private readonly sites: SitesService) {}

  /** 201 when created, 200 when the same site was already there. */
  @ApiOperation({ summary: 'Create a site (a replay of the same site answers 200)' })
  @ApiCreatedResponse({ type: SiteResponse, description: 'Created.' })
  @ApiOkResponse({ type: SiteResponse, description: 'The same site was already there.' })
  @ApiErrors({ 409: 'CONFLICT: a site with this id exists with other values (PUT changes it).' })
  @Post()
  @RequireRoles(...ACCESS.registryConfigure)
  async create(@Caller() caller: Principal | undefined, @Body() body: CreateSiteRequest, @Res({ passthrough: true }) res: Response): Promise<SiteView> {
    const { site, created } = await this.sites.create(callerOrganisation(caller), body, caller);
    res.status(created ? 201 : 200);
    return toSiteView(site);
  }

  @ApiOperation({ summary: 'Create or replace a site' })
  @ApiOkResponse({ type: SiteResponse })
  @Put(':id')
  @RequireRoles(...ACCESS.registryConfigure)
  async put(@Caller() caller: Principal | undefined, @Param() params: SiteParams, @Body() body: PutSiteRequest): Promise<SiteView> {
    return toSiteView(await this.sites.put(callerOrganisation(caller), params.id, body, caller));
  }

  @ApiOperation({ summary: 'List sites' })
  @ApiItemsResponse(SiteResponse, 'Every site.')
  @Get()
  @RequireRoles(...ACCESS.registryRead)
  async list(@Caller() caller: Principal | undefined): Promise<{ items: SiteView[] }> {
    return { items: (await this.sites.list(callerOrganisation(caller))).map(toSiteView) };
  }

  @ApiOperation({ summary: 'Read a site' })
  @ApiOkResponse({ type: SiteResponse })
  @ApiErrors({ 404: 'REGISTRY.SITE_NOT_FOUND: no site with this id.' })
  @Get(':id')
  @RequireRoles(...ACCESS.registryRead)
  async get(@Caller() caller: Principal | undefined, @Param() params: SiteParams): Promise<SiteView> {
    return toSiteView(await this.sites.get(callerOrganisation(caller), params.id));
  }
}
