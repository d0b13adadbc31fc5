import '../../../libs/platform/src/register-paths';
import { bootstrapService } from '@limye/platform';
import { SandboxEnv } from './config/sandbox.env';
import { SANDBOX_BODY_TYPES } from './sandbox.body-types';
import { SandboxModule } from './sandbox.module';

void bootstrapService({
  name: 'sandbox',
  envClass: SandboxEnv,
  port: (e) => e.SANDBOX_PORT,
  rootModule: () => SandboxModule,
  nats: false,
  bodyTypes: SANDBOX_BODY_TYPES,
});
