import { Controller, HttpCode, Post } from '@nestjs/common';
import { FaultsService } from './faults/faults.service';
import { MoncashAlertService } from './moncash/moncash-alert.service';
import { MoncashAuthService } from './moncash/moncash-auth.service';
import { MoncashConfigService } from './moncash/moncash-config.service';
import { MoncashService } from './moncash/moncash.service';
import { RwandaStore } from './rwanda/rwanda.store';
import { SparkmeterStore } from './sparkmeter/sparkmeter.store';

/**
 * `POST /sandbox/reset`: every simulator back to its start state (seeded customers, the generated Rwanda
 * population with its seeded OMIS history and no sales made through the API, no faults).
 */
@Controller('sandbox')
export class SandboxController {
  constructor(
    private readonly faults: FaultsService,
    private readonly moncash: MoncashService,
    private readonly moncashAuth: MoncashAuthService,
    private readonly moncashConfig: MoncashConfigService,
    private readonly moncashAlerts: MoncashAlertService,
    private readonly sparkmeter: SparkmeterStore,
    private readonly rwanda: RwandaStore,
  ) {}

  @Post('reset')
  @HttpCode(204)
  reset(): void {
    this.faults.clear();
    this.moncashAlerts.reset();
    this.moncashConfig.reset();
    this.moncashAuth.reset();
    this.moncash.reset();
    this.sparkmeter.reset();
    this.rwanda.reset();
  }
}
