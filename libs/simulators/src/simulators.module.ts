import { DynamicModule, Module } from '@nestjs/common';
import { SimulatorsCoreModule } from './common/simulators-core.module';
import { ResetController } from './reset.controller';
import { chooseSimulators, SimulatorName } from './simulators.catalogue';
import { SimulatorsEnv } from './simulators.env';

export interface SimulatorsOptions {
  /** Validated settings: credentials, URLs, the Rwanda population, SANDBOX_STATE_DIR (loadEnv(SimulatorsEnv)). */
  env: SimulatorsEnv;
  /** Run only these simulators (default: all of SIMULATORS). */
  only?: readonly SimulatorName[];
}

/**
 * The simulators of the outside systems Limye talks to, over plain HTTP, with no database and no NATS:
 * each simulator's vendor API and control API, faults, `POST /sandbox/reset`, and their state in memory
 * (also in JSON files when SANDBOX_STATE_DIR is set, state/state-store.ts). The sandbox app serves it;
 * tests start it in-process with startSimulators (`@limye/simulators/testing`).
 */
@Module({})
export class SimulatorsModule {
  static forRoot(options: SimulatorsOptions): DynamicModule {
    return {
      module: SimulatorsModule,
      imports: [SimulatorsCoreModule.forRoot(options.env), ...chooseSimulators(options.only).map((s) => s.module)],
      controllers: [ResetController],
    };
  }
}
