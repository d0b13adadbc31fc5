import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ACCESS, RequireRoles } from '@limye/platform';
import { BalancesService, CustomerBalancesView } from './balances.service';

@Controller('v1/customers')
export class BalancesHttpController {
  constructor(private readonly balances: BalancesService) {}

  @Get(':id/balances')
  @RequireRoles(...ACCESS.ledgerRead)
  balancesOf(@Param('id', new ParseUUIDPipe()) customerId: string): Promise<CustomerBalancesView> {
    return this.balances.balancesOf(customerId.toLowerCase());
  }
}
