import { DynamicModule, Global, Module } from '@nestjs/common';
import { FaultsModule } from '../faults/faults.module';
import { RequestLogModule } from '../requests/request-log.module';
import { SimulatorsEnv } from '../simulators.env';
import { SimulatorStateModule } from '../state/simulator-state.module';
import { SimulatorRegistry } from './simulator-registry';
import { VendorRoutes } from './vendor-routes';

/**
 * What every simulator module may inject without importing it: the settings, the state store, faults,
 * the request log, the registry of running simulators and VendorRoutes. Global, and built once by SimulatorsModule.forRoot.
 */
@Global()
@Module({})
export class SimulatorsCoreModule {
  static forRoot(env: SimulatorsEnv): DynamicModule {
    return {
      module: SimulatorsCoreModule,
      imports: [FaultsModule, RequestLogModule, SimulatorStateModule],
      providers: [{ provide: SimulatorsEnv, useValue: env }, SimulatorRegistry, VendorRoutes],
      exports: [SimulatorsEnv, SimulatorRegistry, VendorRoutes, FaultsModule, RequestLogModule, SimulatorStateModule],
    };
  }
}
