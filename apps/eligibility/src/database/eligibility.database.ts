import { ServiceDatabaseSpec } from '@limye/platform';
import { PROGRAMME_ENTITIES, PROGRAMME_MIGRATIONS } from '../programme/programme.schema';
import { USSD_ENTITIES, USSD_MIGRATIONS } from '../ussd/ussd.schema';
import { InitEligibility1763800000000 } from './migrations/1763800000000-init-eligibility';
import { UssdRequestLog1763900000000 } from './migrations/1763900000000-ussd-request-log';
import { AuditLog1765200000000 } from './migrations/1765200000000-audit-log';

/** Migrations run in timestamp order whatever the listing order; each feature lists its own. */
export const eligibilityDatabase: ServiceDatabaseSpec = {
  schema: 'eligibility',
  entities: [...USSD_ENTITIES, ...PROGRAMME_ENTITIES],
  migrations: [InitEligibility1763800000000, UssdRequestLog1763900000000, ...USSD_MIGRATIONS, ...PROGRAMME_MIGRATIONS, AuditLog1765200000000],
};
