import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { FaultsModule } from '../faults/faults.module';
import { FaultsService } from '../faults/faults.service';
import { KoiosController } from './koios.controller';
import { KoiosService } from './koios.service';
import { SparkmeterControlController } from './sparkmeter-control.controller';
import { SparkmeterStore } from './sparkmeter.store';
import { ThundercloudController } from './thundercloud.controller';
import { ThundercloudService } from './thundercloud.service';

@Module({
  imports: [FaultsModule],
  controllers: [KoiosController, ThundercloudController, SparkmeterControlController],
  providers: [SparkmeterStore, KoiosService, ThundercloudService],
  exports: [SparkmeterStore],
})
export class SparkmeterModule implements NestModule {
  constructor(private readonly faults: FaultsService) {}

  /** Each vendor API gets its own fault target; the control API is never faulted. */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(this.faults.middlewareFor('koios')).forRoutes(KoiosController);
    consumer.apply(this.faults.middlewareFor('thundercloud')).forRoutes(ThundercloudController);
  }
}
