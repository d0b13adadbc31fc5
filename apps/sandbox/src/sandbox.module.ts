import { Module } from '@nestjs/common';
import { MetricsController } from '@limye/platform';
import { SandboxConfigModule } from './config/sandbox-config.module';
import { FaultsModule } from './faults/faults.module';
import { HealthController } from './health/health.controller';
import { MoncashModule } from './moncash/moncash.module';
import { RwandaModule } from './rwanda/rwanda.module';
import { SandboxController } from './sandbox.controller';
import { SparkmeterModule } from './sparkmeter/sparkmeter.module';

/** Simulators of the outside systems Limye talks to, over plain HTTP, with no database and no NATS. */
@Module({
  imports: [SandboxConfigModule, FaultsModule, MoncashModule, SparkmeterModule, RwandaModule],
  controllers: [HealthController, MetricsController, SandboxController],
})
export class SandboxModule {}
