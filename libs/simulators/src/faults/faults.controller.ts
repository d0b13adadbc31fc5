import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { PublicRoute } from '@limye/platform';
import { ActiveFault } from './domain/fault-book';
import { SetFaultDto } from './dto/set-fault.dto';
import { FaultsService } from './faults.service';

/** Control API: which simulator misbehaves, how, and for how long. */
@PublicRoute('a simulator of the sandbox: plays an outside system (or its control API) for tests and demos, never deployed with real data')
@Controller('sandbox/faults')
export class FaultsController {
  constructor(private readonly faults: FaultsService) {}

  @Get()
  list(): { faults: ActiveFault[] } {
    return { faults: this.faults.list() };
  }

  @Put(':target')
  set(@Param('target') target: string, @Body() spec: SetFaultDto): { target: string; fault: ActiveFault | null } {
    return { target, fault: this.faults.set(target, spec) };
  }

  @Delete()
  @HttpCode(204)
  clear(): void {
    this.faults.clear();
  }
}
