import { MiddlewareConsumer, Module, NestModule, OnModuleInit } from '@nestjs/common';
import { SimulatorRegistry } from '../common/simulator-registry';
import { VendorRoutes } from '../common/vendor-routes';
import { MoncashAlertService } from './moncash-alert.service';
import { MoncashApiController } from './moncash-api.controller';
import { MoncashAuthService } from './moncash-auth.service';
import { MoncashConfigService } from './moncash-config.service';
import { MoncashControlController } from './moncash-control.controller';
import { MoncashGatewayController } from './moncash-gateway.controller';
import { MoncashOauthController } from './moncash-oauth.controller';
import { MoncashService } from './moncash.service';

/** Digicel MonCash: OAuth, the REST API, the payer's checkout page and the alert, plus its control API. */
@Module({
  controllers: [MoncashOauthController, MoncashApiController, MoncashGatewayController, MoncashControlController],
  providers: [MoncashConfigService, MoncashAuthService, MoncashAlertService, MoncashService],
})
export class MoncashModule implements NestModule, OnModuleInit {
  constructor(
    private readonly vendorRoutes: VendorRoutes,
    private readonly registry: SimulatorRegistry,
    private readonly alerts: MoncashAlertService,
    private readonly config: MoncashConfigService,
    private readonly auth: MoncashAuthService,
    private readonly moncash: MoncashService,
  ) {}

  /** Faults hit what a caller sees as MonCash (API and checkout), never the control API. */
  configure(consumer: MiddlewareConsumer): void {
    this.vendorRoutes.mount(consumer, 'moncash', MoncashOauthController, MoncashApiController, MoncashGatewayController);
  }

  onModuleInit(): void {
    this.registry.add({
      name: 'moncash',
      reset: () => {
        // Alerts first: sends still under way must not land in the fresh log.
        this.alerts.reset();
        this.config.reset();
        this.auth.reset();
        this.moncash.reset();
      },
    });
  }
}
