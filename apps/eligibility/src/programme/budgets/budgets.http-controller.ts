import { Body, Controller, Get, Param, Put, UseGuards } from '@nestjs/common';
import { Caller, Principal } from '@limye/platform';
import { AdminApiKeyGuard } from '../admin/admin-api-key.guard';
import { TierParams } from '../admin/admin.params';
import { PutBudgetRequest } from './budget.requests';
import { BudgetsService, BudgetView } from './budgets.service';

@Controller('v1/budgets')
@UseGuards(AdminApiKeyGuard)
export class BudgetsHttpController {
  constructor(private readonly budgets: BudgetsService) {}

  /** A bare array, as the programme's brief specifies it (tiers are few). */
  @Get()
  list(): Promise<BudgetView[]> {
    return this.budgets.list();
  }

  @Put(':tier')
  put(@Param() params: TierParams, @Body() body: PutBudgetRequest, @Caller() caller?: Principal): Promise<BudgetView> {
    return this.budgets.put(params.tier, body.totalRwf, caller);
  }
}
