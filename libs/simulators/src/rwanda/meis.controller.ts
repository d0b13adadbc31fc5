import { Controller, Get, Param, UseFilters, UseGuards } from '@nestjs/common';
import { PublicRoute } from '@limye/platform';
import { VendorReplyFilter } from '../common/vendor-reply.filter';
import { NationalSystemAuthGuard } from './national-system-auth.guard';
import { MeisPersonJson, MeisService } from './meis.service';

/** MEIS as Limye expects it at `MEIS_BASE_URL` = `http://<sandbox>/meis` (docs/national-systems.md). */
@PublicRoute('a simulator of the sandbox: plays an outside system (or its control API) for tests and demos, never deployed with real data')
@Controller('meis/v1')
@UseGuards(NationalSystemAuthGuard((env) => env.MEIS_API_KEY))
@UseFilters(VendorReplyFilter)
export class MeisController {
  constructor(private readonly meis: MeisService) {}

  @Get('persons/:nationalId')
  person(@Param('nationalId') nationalId: string): MeisPersonJson {
    return this.meis.person(nationalId);
  }
}
