import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DomainError, ErrorCodes } from '@limye/contracts';
import { CreateSiteRequest } from './create-site.request';
import { PutSiteRequest } from './put-site.request';
import { Site } from './site.entity';

@Injectable()
export class SitesService {
  constructor(@InjectRepository(Site) private readonly sites: Repository<Site>) {}

  /**
   * Creates a site. Sending the same site again is a replay (created: false); the same id with other
   * values is a conflict, because POST must not silently change a site: PUT does that.
   */
  async create(organisationId: string, req: CreateSiteRequest): Promise<{ site: Site; created: boolean }> {
    const inserted = await this.sites
      .createQueryBuilder()
      .insert()
      .values({ organisationId, id: req.id, name: req.name, country: req.country, currency: req.currency })
      .orIgnore()
      .returning(['id'])
      .execute();
    const site = await this.sites.findOneByOrFail({ organisationId, id: req.id });
    const created = inserted.raw.length === 1;
    if (!created && (site.name !== req.name || site.country !== req.country || site.currency !== req.currency)) {
      throw new DomainError(ErrorCodes.conflict, `site ${req.id} exists with other values; PUT /v1/sites/${req.id} changes it`, 409);
    }
    return { site, created };
  }

  /** Creates or replaces a site. A new country applies to phones typed from now on; stored phones are E.164. */
  async put(organisationId: string, id: string, req: PutSiteRequest): Promise<Site> {
    await this.sites.upsert({ organisationId, id, name: req.name, country: req.country, currency: req.currency, updatedAt: new Date() }, ['organisationId', 'id']);
    return this.sites.findOneByOrFail({ organisationId, id });
  }

  list(organisationId: string): Promise<Site[]> {
    return this.sites.find({ where: { organisationId }, order: { id: 'ASC' } });
  }

  async get(organisationId: string, id: string): Promise<Site> {
    const site = await this.find(organisationId, id);
    if (!site) throw new DomainError(ErrorCodes.registrySiteNotFound, `no site ${id}`, 404);
    return site;
  }

  /** `organisationId`'s site `id` (another organisation's is not found). */
  find(organisationId: string, id: string): Promise<Site | null> {
    return this.sites.findOneBy({ organisationId, id });
  }
}
