import { ServiceDefinition } from '@limye/platform';
import { EligibilityEnv } from './config/eligibility.env';
import { eligibilityDatabase } from './database/eligibility.database';
import { EligibilityModule } from './eligibility.module';

export const eligibilityService: ServiceDefinition<EligibilityEnv> = {
  name: 'eligibility',
  envClass: EligibilityEnv,
  port: (env) => env.ELIGIBILITY_PORT,
  rootModule: (env) => EligibilityModule.register(env),
  database: eligibilityDatabase,
};
