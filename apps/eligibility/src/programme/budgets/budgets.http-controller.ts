import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ACCESS, Caller, Principal, RequireRoles } from '@limye/platform';
import { TierParams } from '../admin/admin.params';
import { PutBudgetRequest } from './budget.requests';
import { BudgetsService, BudgetView } from './budgets.service';

@Controller('v1/budgets')
export class BudgetsHttpController {
  constructor(private readonly budgets: BudgetsService) {}

  /** A bare array, as the programme's brief specifies it (tiers are few). */
  @Get()
  @RequireRoles(...ACCESS.programmeRead)
  list(): Promise<BudgetView[]> {
    return this.budgets.list();
  }

  @Put(':tier')
  @RequireRoles(...ACCESS.programmeManage)
  put(@Param() params: TierParams, @Body() body: PutBudgetRequest, @Caller() caller?: Principal): Promise<BudgetView> {
    return this.budgets.put(params.tier, body.totalRwf, caller);
  }
}
