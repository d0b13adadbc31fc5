import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ACCESS, Caller, Principal, RequireRoles } from '@limye/platform';
import { TierParams } from '../admin/admin.params';
import { PutBudgetRequest } from './budget.requests';
import { BudgetsService, BudgetView } from './budgets.service';

/** The caller's organisation's budgets. */
@Controller('v1/budgets')
export class BudgetsHttpController {
  constructor(private readonly budgets: BudgetsService) {}

  /** A bare array, as the programme's brief specifies it (tiers are few). */
  @Get()
  @RequireRoles(...ACCESS.programmeRead)
  list(@Caller() caller: Principal): Promise<BudgetView[]> {
    return this.budgets.list(caller.organisationId);
  }

  @Put(':tier')
  @RequireRoles(...ACCESS.programmeManage)
  put(@Caller() caller: Principal, @Param() params: TierParams, @Body() body: PutBudgetRequest): Promise<BudgetView> {
    return this.budgets.put(caller.organisationId, params.tier, body.totalRwf);
  }
}
