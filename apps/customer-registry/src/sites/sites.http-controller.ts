import { Body, Controller, Get, Param, Post, Put, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ACCESS, Caller, Principal, RequireRoles } from '@limye/platform';
import { CreateSiteRequest } from './create-site.request';
import { PutSiteRequest } from './put-site.request';
import { SiteParams } from './site.params';
import { SiteView, toSiteView } from './site.view';
import { SitesService } from './sites.service';

@Controller('v1/sites')
export class SitesHttpController {
  constructor(private readonly sites: SitesService) {}

  /** 201 when created, 200 when the same site was already there. */
  @Post()
  @RequireRoles(...ACCESS.registryConfigure)
  async create(@Body() body: CreateSiteRequest, @Res({ passthrough: true }) res: Response, @Caller() caller?: Principal): Promise<SiteView> {
    const { site, created } = await this.sites.create(body, caller);
    res.status(created ? 201 : 200);
    return toSiteView(site);
  }

  @Put(':id')
  @RequireRoles(...ACCESS.registryConfigure)
  async put(@Param() params: SiteParams, @Body() body: PutSiteRequest, @Caller() caller?: Principal): Promise<SiteView> {
    return toSiteView(await this.sites.put(params.id, body, caller));
  }

  @Get()
  @RequireRoles(...ACCESS.registryRead)
  async list(): Promise<{ items: SiteView[] }> {
    return { items: (await this.sites.list()).map(toSiteView) };
  }

  @Get(':id')
  @RequireRoles(...ACCESS.registryRead)
  async get(@Param() params: SiteParams): Promise<SiteView> {
    return toSiteView(await this.sites.get(params.id));
  }
}
