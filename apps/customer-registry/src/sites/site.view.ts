import { Site } from './site.entity';

/** A site as the HTTP API shows it. */
export interface SiteView {
  id: string;
  name: string;
  country: string;
  currency: string;
  createdAt: string;
  updatedAt: string;
}

export function toSiteView(site: Site): SiteView {
  return {
    id: site.id,
    name: site.name,
    country: site.country,
    currency: site.currency,
    createdAt: site.createdAt.toISOString(),
    updatedAt: site.updatedAt.toISOString(),
  };
}
