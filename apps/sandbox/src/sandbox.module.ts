import { Module } from '@nestjs/common';
import { MetricsController } from '@limye/platform';
import { SandboxStateModule } from './common/sandbox-state.module';
import { SandboxConfigModule } from './config/sandbox-config.module';
import { FaultsModule } from './faults/faults.module';
import { HealthController } from './health/health.controller';
import { MoncashModule } from './moncash/moncash.module';
import { RwandaModule } from './rwanda/rwanda.module';
import { SandboxController } from './sandbox.controller';
import { SparkmeterModule } from './sparkmeter/sparkmeter.module';

/**
 * Simulators of the outside systems Limye talks to, over plain HTTP, with no database and no NATS; their
 * state is in memory, and also in JSON files when SANDBOX_STATE_DIR is set (common/state-store.ts).
 */
@Module({
  imports: [SandboxConfigModule, SandboxStateModule, FaultsModule, MoncashModule, SparkmeterModule, RwandaModule],
  controllers: [HealthController, MetricsController, SandboxController],
})
export class SandboxModule {}
