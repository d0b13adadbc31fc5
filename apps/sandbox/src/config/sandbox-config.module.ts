import { Global, Module } from '@nestjs/common';
import { loadEnv } from '@limye/platform';
import { SandboxEnv } from './sandbox.env';

/**
 * Provides the validated SandboxEnv. It is loaded here rather than passed in so that tests can import
 * SandboxModule as it is; bootstrapService has already validated the same variables at start.
 */
@Global()
@Module({
  providers: [{ provide: SandboxEnv, useFactory: () => loadEnv(SandboxEnv) }],
  exports: [SandboxEnv],
})
export class SandboxConfigModule {}
