import { Matches, MaxLength } from 'class-validator';
import { PutSiteRequest } from './put-site.request';
import { SITE_ID, SITE_ID_MESSAGE } from './site-id';

/** Body of POST /v1/sites. */
export class CreateSiteRequest extends PutSiteRequest {
  @MaxLength(64) @Matches(SITE_ID, { message: `id ${SITE_ID_MESSAGE}` })
  id: string;
}
