import { Global, Module } from '@nestjs/common';
import { SandboxStateStore } from './state-store';

/** One SandboxStateStore for every simulator module (global, like SandboxConfigModule). */
@Global()
@Module({
  providers: [SandboxStateStore],
  exports: [SandboxStateStore],
})
export class SandboxStateModule {}
