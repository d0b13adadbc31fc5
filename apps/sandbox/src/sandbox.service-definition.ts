import { ServiceDefinition } from '@limye/platform';
import { SIMULATOR_BODY_TYPES, simulatorFastRoutes } from '@limye/simulators';
import { SandboxEnv } from './config/sandbox.env';
import { SandboxModule } from './sandbox.module';

/** How main.ts (and the sandbox's own spec) start the sandbox: no database, no NATS. */
export const sandboxService: ServiceDefinition<SandboxEnv> = {
  name: 'sandbox',
  envClass: SandboxEnv,
  port: (env) => env.SANDBOX_PORT,
  rootModule: (env) => SandboxModule.forRoot(env),
  nats: false,
  bodyTypes: SIMULATOR_BODY_TYPES,
  apiDocs: {
    title: 'Limye sandbox (simulated outside systems)',
    description: `Every simulator of \`@limye/simulators\` on one port: MonCash (OAuth, REST API, payment gateway), SparkMeter Koios and ThunderCloud, Rwanda's OMIS and MEIS, each with its control API, plus faults, the request log, state and reset (docs/sandbox.md). For development and tests only: nothing here is real money, and no route needs a token.`,
    everyRoutePublic: 'the sandbox stands in for outside systems in development and tests; it holds no operator data',
  },
  // The MonCash and Koios calls every payment makes, ahead of Express and Nest: the sandbox answering a benchmark is cheap.
  fastRoutes: (app) => simulatorFastRoutes(app),
};
