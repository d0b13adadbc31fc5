import { DynamicModule, Module } from '@nestjs/common';
import { MetricsController } from '@limye/platform';
import { SimulatorsModule } from '@limye/simulators';
import { SandboxEnv } from './config/sandbox.env';
import { HealthController } from './health/health.controller';

/**
 * The sandbox app: every simulator of `@limye/simulators` (vendor APIs, control API, faults, state) on
 * one port, with the probes and metrics every Limye service has. No database, no NATS.
 */
@Module({})
export class SandboxModule {
  static forRoot(env: SandboxEnv): DynamicModule {
    return {
      module: SandboxModule,
      imports: [SimulatorsModule.forRoot({ env })],
      controllers: [HealthController, MetricsController],
    };
  }
}
