import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ACCESS, Caller, callerOrganisation, Principal, RequireRoles } from '@limye/platform';
import { BalancesService, CustomerBalancesView } from './balances.service';

@Controller('v1/customers')
export class BalancesHttpController {
  constructor(private readonly balances: BalancesService) {}

  @Get(':id/balances')
  @RequireRoles(...ACCESS.ledgerRead)
  balancesOf(@Caller() caller: Principal | undefined, @Param('id', new ParseUUIDPipe()) customerId: string): Promise<CustomerBalancesView> {
    return this.balances.balancesOf(callerOrganisation(caller), customerId.toLowerCase());
  }
}
