import { ServiceDefinition } from '@limye/platform';
import { EligibilityEnv } from './config/eligibility.env';
import { eligibilityDatabase } from './database/eligibility.database';
import { EligibilityModule } from './eligibility.module';
import { readUssdBody } from './ussd/ussd-body.reader';

export const eligibilityService: ServiceDefinition<EligibilityEnv> = {
  name: 'eligibility',
  envClass: EligibilityEnv,
  port: (env) => env.ELIGIBILITY_PORT,
  rootModule: (env) => EligibilityModule.register(env),
  database: eligibilityDatabase,
  // Gateways get a screen even for a malformed or oversized body, never the platform's 400.
  bodyReaders: [{ path: '/v1/ussd', handler: readUssdBody }],
};
