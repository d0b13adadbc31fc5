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
  apiDocs: {
    title: 'Limye eligibility (RBF USSD tool)',
    description: `The USSD tool a solar sales agent dials to check whether a household may get a results-based-financing (RBF) subsidy, register the subsidised sale and confirm it at installation; and the admin API programme staff use to manage companies, products, agents and incentive budgets, read sales and download the request log.

- The USSD endpoints (\`/v1/ussd/...\`) are called by USSD gateways, which send no credential: restrict them to the gateway's addresses at your reverse proxy. Agents authenticate with their phone number and PIN inside the menus. They take any body and answer every error with a screen (always HTTP 200).
- Every other \`/v1/...\` endpoint is the admin API for the programme's staff.

**Money** is whole Rwandan francs (RWF has no minor unit) as JSON integers, never decimals.

**Personal data.** National IDs are shown masked (\`************5012\`) in every answer, log and export. Phone numbers in the request-log CSV are masked (last 3 digits) unless a caller allowed to have them asks. PINs are stored as salted scrypt hashes and never returned.

**Rules** come from the environment: \`RBF_INCENTIVE_PERCENT\` (tier → %), \`RBF_CATEGORY_MAP\` (2020 category A–E → legacy tier), \`RBF_RESERVATION_DAYS\`, \`AGENT_PIN_MAX_ATTEMPTS\`, \`AGENT_LOCK_MINUTES\`; initial budgets from \`RBF_BUDGETS_RWF\`. \`GET /v1/rules\` shows what is in force.`,
  },
};
