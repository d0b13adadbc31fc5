import { MiddlewareConsumer, Module, NestModule, OnModuleInit } from '@nestjs/common';
import { SimulatorRegistry } from '../common/simulator-registry';
import { VendorRoutes } from '../common/vendor-routes';
import { MeisController } from './meis.controller';
import { MeisService } from './meis.service';
import { OmisController } from './omis.controller';
import { OmisService } from './omis.service';
import { RwandaControlController } from './rwanda-control.controller';
import { RwandaStore } from './rwanda.store';

/** Rwanda's national systems for the RBF eligibility tool: MEIS (household registry) and OMIS (off-grid sales). */
@Module({
  controllers: [MeisController, OmisController, RwandaControlController],
  providers: [RwandaStore, MeisService, OmisService],
})
export class RwandaModule implements NestModule, OnModuleInit {
  constructor(
    private readonly vendorRoutes: VendorRoutes,
    private readonly registry: SimulatorRegistry,
    private readonly store: RwandaStore,
  ) {}

  /** Each system gets its own fault target; the control API is never faulted. */
  configure(consumer: MiddlewareConsumer): void {
    this.vendorRoutes.mount(consumer, 'omis', OmisController);
    this.vendorRoutes.mount(consumer, 'meis', MeisController);
  }

  onModuleInit(): void {
    this.registry.add({ name: 'rwanda', reset: () => this.store.reset() });
  }
}
