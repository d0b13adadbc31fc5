import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ACCESS, Caller, Principal, RequireRoles } from '@limye/platform';
import { TierParams } from '../admin/admin.params';
import { PutBudgetRequest } from './budget.requests';
import { BudgetsService, BudgetView } from './budgets.service';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiErrors } from '@limye/platform';
import { BudgetResponse } from '../programme.responses';

/** The caller's organisation's budgets. */
@Controller('v1/budgets')
export class BudgetsHttpController {
  constructor(private readonly budgets: BudgetsService) {}

  /** A bare array, as the programme's brief specifies it (tiers are few). */
  @ApiOperation({ summary: 'The incentive budget of every tier (a bare array, as the programme\'s brief specifies)' })
  @ApiOkResponse({ type: BudgetResponse, isArray: true })
  @Get()
  @RequireRoles(...ACCESS.programmeRead)
  list(@Caller() caller: Principal): Promise<BudgetView[]> {
    return this.budgets.list(caller.organisationId);
  }

  @ApiOperation({ summary: 'Set the total incentive budget of a tier (whole RWF)' })
  @ApiOkResponse({ type: BudgetResponse })
  @ApiErrors({ 409: 'ELIGIBILITY.BUDGET_BELOW_COMMITTED: the total would be below what is already reserved or spent.' })
  @Put(':tier')
  @RequireRoles(...ACCESS.programmeManage)
  put(@Caller() caller: Principal, @Param() params: TierParams, @Body() body: PutBudgetRequest): Promise<BudgetView> {
    return this.budgets.put(caller.organisationId, params.tier, body.totalRwf, caller);
  }
}
