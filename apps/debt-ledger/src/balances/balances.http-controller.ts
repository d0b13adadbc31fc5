import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ACCESS, Caller, callerOrganisation, Principal, RequireRoles } from '@limye/platform';
import { BalancesService, CustomerBalancesView } from './balances.service';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CustomerBalancesResponse } from '../journal/ledger.responses';

@Controller('v1/customers')
export class BalancesHttpController {
  constructor(private readonly balances: BalancesService) {}

  @ApiOperation({ summary: 'A customer\'s balances per currency' })
  @ApiOkResponse({ type: CustomerBalancesResponse })
  @Get(':id/balances')
  @RequireRoles(...ACCESS.ledgerRead)
  balancesOf(@Caller() caller: Principal | undefined, @Param('id', new ParseUUIDPipe()) customerId: string): Promise<CustomerBalancesView> {
    return this.balances.balancesOf(callerOrganisation(caller), customerId.toLowerCase());
  }
}
