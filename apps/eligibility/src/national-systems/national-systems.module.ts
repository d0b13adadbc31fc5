import { Module } from '@nestjs/common';
import { MeisHttpClient } from './meis-http.client';
import { MEIS_CLIENT } from './meis.client';
import { OmisHttpClient } from './omis-http.client';
import { OMIS_CLIENT } from './omis.client';

/** The MEIS and OMIS clients under their tokens (override them in tests with `overrideProvider`). */
@Module({
  providers: [
    { provide: MEIS_CLIENT, useClass: MeisHttpClient },
    { provide: OMIS_CLIENT, useClass: OmisHttpClient },
  ],
  exports: [MEIS_CLIENT, OMIS_CLIENT],
})
export class NationalSystemsModule {}
