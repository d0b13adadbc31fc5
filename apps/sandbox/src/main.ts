import '../../../libs/platform/src/register-paths';
import { bootstrapService } from '@limye/platform';
import { SandboxEnv } from './config/sandbox.env';
import { SandboxModule } from './sandbox.module';

void bootstrapService({
  name: 'sandbox',
  envClass: SandboxEnv,
  port: (e) => e.SANDBOX_PORT,
  rootModule: () => SandboxModule,
  nats: false,
});
