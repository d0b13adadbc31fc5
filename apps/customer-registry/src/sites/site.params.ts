import { Matches, MaxLength } from 'class-validator';
import { SITE_ID, SITE_ID_MESSAGE } from './site-id';
import { ApiProperty } from '@nestjs/swagger';

/** The :id of /v1/sites/:id. */
export class SiteParams {
  @ApiProperty({ maxLength: 64, pattern: SITE_ID.source })
  @MaxLength(64) @Matches(SITE_ID, { message: `id ${SITE_ID_MESSAGE}` })
  id: string;
}
