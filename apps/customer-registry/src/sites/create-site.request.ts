import { Matches, MaxLength } from 'class-validator';
import { PutSiteRequest } from './put-site.request';
import { SITE_ID, SITE_ID_MESSAGE } from './site-id';
import { ApiProperty } from '@nestjs/swagger';

/** Body of POST /v1/sites. */
export class CreateSiteRequest extends PutSiteRequest {
  @ApiProperty({ maxLength: 64, pattern: SITE_ID.source, description: 'The operator\'s slug for the site.', example: 'haiti-north' })
  @MaxLength(64) @Matches(SITE_ID, { message: `id ${SITE_ID_MESSAGE}` })
  id: string;
}
