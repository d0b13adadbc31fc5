import { Global, Module } from '@nestjs/common';
import { SimulatorStateStore } from './state-store';

/** One SimulatorStateStore for every simulator module (global, like the settings). */
@Global()
@Module({
  providers: [SimulatorStateStore],
  exports: [SimulatorStateStore],
})
export class SimulatorStateModule {}
