import { MiddlewareConsumer, Module, NestModule, OnModuleInit } from '@nestjs/common';
import { SimulatorRegistry } from '../common/simulator-registry';
import { VendorRoutes } from '../common/vendor-routes';
import { KoiosController } from './koios.controller';
import { KoiosService } from './koios.service';
import { SparkmeterControlController } from './sparkmeter-control.controller';
import { SparkmeterStore } from './sparkmeter.store';
import { ThundercloudController } from './thundercloud.controller';
import { ThundercloudService } from './thundercloud.service';

/** SparkMeter Koios v1 (cloud) and ThunderCloud v0 (per site), sharing one book of customers, plus its control API. */
@Module({
  controllers: [KoiosController, ThundercloudController, SparkmeterControlController],
  providers: [SparkmeterStore, KoiosService, ThundercloudService],
})
export class SparkmeterModule implements NestModule, OnModuleInit {
  constructor(
    private readonly vendorRoutes: VendorRoutes,
    private readonly registry: SimulatorRegistry,
    private readonly store: SparkmeterStore,
  ) {}

  /** Each vendor API gets its own fault target; the control API is never faulted. */
  configure(consumer: MiddlewareConsumer): void {
    this.vendorRoutes.mount(consumer, 'koios', KoiosController);
    this.vendorRoutes.mount(consumer, 'thundercloud', ThundercloudController);
  }

  onModuleInit(): void {
    this.registry.add({ name: 'sparkmeter', reset: () => this.store.reset() });
  }
}
