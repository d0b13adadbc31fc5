import { Controller, Get, Inject } from '@nestjs/common';
import { ACCESS, RequireRoles, SERVICE_ENV } from '@limye/platform';
import { EligibilityEnv } from '../config/eligibility.env';
import { ProgrammeRules } from './domain/programme-rules';
import { PROGRAMME_RULES } from './programme-rules.provider';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { RulesResponse } from './programme.responses';

export interface RulesView {
  incentivePercent: Array<{ tier: number; percent: number }>;
  categoryMap: Array<{ category: string; tier: number }>;
  reservationDays: number;
  agentPinMaxAttempts: number;
  agentLockMinutes: number;
}

/** The rules in force (from RBF_INCENTIVE_PERCENT, RBF_CATEGORY_MAP, RBF_RESERVATION_DAYS…), for staff to check. */
@Controller('v1/rules')
export class RulesHttpController {
  constructor(
    @Inject(PROGRAMME_RULES) private readonly rules: ProgrammeRules,
    @Inject(SERVICE_ENV) private readonly env: EligibilityEnv,
  ) {}

  @ApiOperation({ summary: 'The programme rules in force (from RBF_INCENTIVE_PERCENT, RBF_CATEGORY_MAP, RBF_RESERVATION_DAYS, AGENT_PIN_MAX_ATTEMPTS, AGENT_LOCK_MINUTES)' })
  @ApiOkResponse({ type: RulesResponse })
  @Get()
  @RequireRoles(...ACCESS.programmeRead)
  get(): RulesView {
    return {
      incentivePercent: [...this.rules.incentivePercent].sort(([a], [b]) => a - b).map(([tier, percent]) => ({ tier, percent })),
      categoryMap: [...this.rules.categoryMap].sort(([a], [b]) => a.localeCompare(b)).map(([category, tier]) => ({ category, tier })),
      reservationDays: this.rules.reservationDays,
      agentPinMaxAttempts: this.env.AGENT_PIN_MAX_ATTEMPTS,
      agentLockMinutes: this.env.AGENT_LOCK_MINUTES,
    };
  }
}
