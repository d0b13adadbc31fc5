import { Matches, MaxLength } from 'class-validator';
import { SITE_ID, SITE_ID_MESSAGE } from './site-id';

/** The :id of /v1/sites/:id. */
export class SiteParams {
  @MaxLength(64) @Matches(SITE_ID, { message: `id ${SITE_ID_MESSAGE}` })
  id: string;
}
