import { Controller, HttpCode, Post } from '@nestjs/common';
import { PublicRoute } from '@limye/platform';
import { SimulatorRegistry } from './common/simulator-registry';
import { FaultsService } from './faults/faults.service';
import { RequestLogService } from './requests/request-log.service';

/**
 * `POST /sandbox/reset`: every running simulator back to its start state (seeded customers, the generated
 * Rwanda population with its seeded OMIS history and no sales made through the API), no faults, and an
 * empty request log.
 */
@PublicRoute('a simulator of the sandbox: plays an outside system (or its control API) for tests and demos, never deployed with real data')
@Controller('sandbox')
export class ResetController {
  constructor(
    private readonly faults: FaultsService,
    private readonly simulators: SimulatorRegistry,
    private readonly requests: RequestLogService,
  ) {}

  @Post('reset')
  @HttpCode(204)
  reset(): void {
    this.faults.clear();
    this.simulators.resetAll();
    this.requests.clear();
  }
}
