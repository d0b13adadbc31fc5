import { ServiceDatabaseSpec } from '@limye/platform';
import { UssdRequest } from '../ussd/ussd-request.entity';
import { InitEligibility1763800000000 } from './migrations/1763800000000-init-eligibility';

export const eligibilityDatabase: ServiceDatabaseSpec = {
  schema: 'eligibility',
  entities: [UssdRequest],
  migrations: [InitEligibility1763800000000],
};
