import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { FaultsModule } from '../faults/faults.module';
import { FaultsService } from '../faults/faults.service';
import { MeisController } from './meis.controller';
import { MeisService } from './meis.service';
import { OmisController } from './omis.controller';
import { OmisService } from './omis.service';
import { RwandaControlController } from './rwanda-control.controller';
import { RwandaStore } from './rwanda.store';

/** Rwanda's national systems for the RBF eligibility tool: MEIS (household registry) and OMIS (off-grid sales). */
@Module({
  imports: [FaultsModule],
  controllers: [MeisController, OmisController, RwandaControlController],
  providers: [RwandaStore, MeisService, OmisService],
  exports: [RwandaStore],
})
export class RwandaModule implements NestModule {
  constructor(private readonly faults: FaultsService) {}

  /** Each system gets its own fault target; the control API is never faulted. */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(this.faults.middlewareFor('omis')).forRoutes(OmisController);
    consumer.apply(this.faults.middlewareFor('meis')).forRoutes(MeisController);
  }
}
