import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { DomainError, ErrorCodes } from '@limye/contracts';
import { AuditRecorder, Principal } from '@limye/platform';
import { CreateSiteRequest } from './create-site.request';
import { PutSiteRequest } from './put-site.request';
import { Site } from './site.entity';

@Injectable()
export class SitesService {
  constructor(
    @InjectRepository(Site) private readonly sites: Repository<Site>,
    private readonly audit: AuditRecorder,
  ) {}

  /**
   * Creates a site. Sending the same site again is a replay (created: false); the same id with other
   * values is a conflict, because POST must not silently change a site: PUT does that.
   */
  async create(organisationId: string, req: CreateSiteRequest, caller?: Principal): Promise<{ site: Site; created: boolean }> {
    const { site, created } = await this.audit.change(async (em) => {
      const inserted = await em
        .createQueryBuilder(Site, 's')
        .insert()
        .values({ organisationId, id: req.id, name: req.name, country: req.country, currency: req.currency })
        .orIgnore()
        .returning(['id'])
        .execute();
      const found = await em.findOneByOrFail(Site, { organisationId, id: req.id });
      const isNew = inserted.raw.length === 1;
      // A replay changes nothing: no audit row.
      return { result: { site: found, created: isNew }, audit: isNew ? { actor: caller, action: 'site.registered', target: { type: 'site', id: found.id }, before: null, after: auditView(found), mask: SITE_MASK } : null };
    });
    if (!created && (site.name !== req.name || site.country !== req.country || site.currency !== req.currency)) {
      throw new DomainError(ErrorCodes.conflict, `site ${req.id} exists with other values; PUT /v1/sites/${req.id} changes it`, 409);
    }
    return { site, created };
  }

  /** Creates or replaces a site. A new country applies to phones typed from now on; stored phones are E.164. */
  async put(organisationId: string, id: string, req: PutSiteRequest, caller?: Principal): Promise<Site> {
    return this.audit.change(async (em: EntityManager) => {
      const before = await em.findOne(Site, { where: { organisationId, id }, lock: { mode: 'pessimistic_write' } });
      await em.upsert(Site, { organisationId, id, name: req.name, country: req.country, currency: req.currency, updatedAt: new Date() }, ['organisationId', 'id']);
      const after = await em.findOneByOrFail(Site, { organisationId, id });
      return { result: after, audit: { actor: caller, action: before ? 'site.updated' : 'site.registered', target: { type: 'site', id }, before: before ? auditView(before) : null, after: auditView(after), mask: SITE_MASK } };
    });
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

/** A site's name is a place's, not a person's: kept in its audit rows. */
const SITE_MASK = { keep: ['name'] };

function auditView(site: Site) {
  return { id: site.id, name: site.name, country: site.country, currency: site.currency };
}
