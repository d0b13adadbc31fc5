import type { Provider } from '@nestjs/common';
import { SERVICE_ENV } from '@limye/platform';
import { EligibilityEnv } from '../config/eligibility.env';
import { buildRules } from './domain/programme-rules';

/** DI token of the parsed ProgrammeRules. */
export const PROGRAMME_RULES = Symbol('PROGRAMME_RULES');

/** Parsed once at start: a bad table stops the service with a message naming the variable. */
export const programmeRulesProvider: Provider = {
  provide: PROGRAMME_RULES,
  inject: [SERVICE_ENV],
  useFactory: (env: EligibilityEnv) => buildRules(env),
};
