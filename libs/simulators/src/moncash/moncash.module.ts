import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { FaultsModule } from '../faults/faults.module';
import { FaultsService } from '../faults/faults.service';
import { MoncashAlertService } from './moncash-alert.service';
import { MoncashApiController } from './moncash-api.controller';
import { MoncashAuthService } from './moncash-auth.service';
import { MoncashConfigService } from './moncash-config.service';
import { MoncashControlController } from './moncash-control.controller';
import { MoncashGatewayController } from './moncash-gateway.controller';
import { MoncashOauthController } from './moncash-oauth.controller';
import { MoncashService } from './moncash.service';

@Module({
  imports: [FaultsModule],
  controllers: [MoncashOauthController, MoncashApiController, MoncashGatewayController, MoncashControlController],
  providers: [MoncashConfigService, MoncashAuthService, MoncashAlertService, MoncashService],
  exports: [MoncashConfigService, MoncashAuthService, MoncashAlertService, MoncashService],
})
export class MoncashModule implements NestModule {
  constructor(private readonly faults: FaultsService) {}

  /** Faults hit what a caller sees as MonCash (API and checkout), never the control API. */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(this.faults.middlewareFor('moncash')).forRoutes(MoncashOauthController, MoncashApiController, MoncashGatewayController);
  }
}
