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
  // The MonCash and Koios calls every payment makes, ahead of Express and Nest: the sandbox answering a benchmark is cheap.
  fastRoutes: (app) => simulatorFastRoutes(app),
};
