import { Body, Controller, Get, Param, Post, Put, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CreateSiteRequest } from './create-site.request';
import { PutSiteRequest } from './put-site.request';
import { SiteParams } from './site.params';
import { SiteView, toSiteView } from './site.view';
import { SitesService } from './sites.service';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiErrors, ApiItemsResponse } from '@limye/platform';
import { SiteResponse } from '../customers/customer.responses';

@Controller('v1/sites')
export class SitesHttpController {
  constructor(private readonly sites: SitesService) {}

  /** 201 when created, 200 when the same site was already there. */
  @ApiOperation({ summary: 'Create a site (a replay of the same site answers 200)' })
  @ApiCreatedResponse({ type: SiteResponse, description: 'Created.' })
  @ApiOkResponse({ type: SiteResponse, description: 'The same site was already there.' })
  @ApiErrors({ 409: 'CONFLICT: a site with this id exists with other values (PUT changes it).' })
  @Post()
  async create(@Body() body: CreateSiteRequest, @Res({ passthrough: true }) res: Response): Promise<SiteView> {
    const { site, created } = await this.sites.create(body);
    res.status(created ? 201 : 200);
    return toSiteView(site);
  }

  @ApiOperation({ summary: 'Create or replace a site' })
  @ApiOkResponse({ type: SiteResponse })
  @Put(':id')
  async put(@Param() params: SiteParams, @Body() body: PutSiteRequest): Promise<SiteView> {
    return toSiteView(await this.sites.put(params.id, body));
  }

  @ApiOperation({ summary: 'List sites' })
  @ApiItemsResponse(SiteResponse, 'Every site.')
  @Get()
  async list(): Promise<{ items: SiteView[] }> {
    return { items: (await this.sites.list()).map(toSiteView) };
  }

  @ApiOperation({ summary: 'Read a site' })
  @ApiOkResponse({ type: SiteResponse })
  @ApiErrors({ 404: 'REGISTRY.SITE_NOT_FOUND: no site with this id.' })
  @Get(':id')
  async get(@Param() params: SiteParams): Promise<SiteView> {
    return toSiteView(await this.sites.get(params.id));
  }
}
