import { Injectable } from '@nestjs/common';
import { AgentsService } from './agents/agents.service';
import { BudgetsService } from './budgets/budgets.service';
import { CompaniesService } from './companies/companies.service';
import { incentiveFor } from './domain/programme-rules';
import { EligibilityCheckService } from './eligibility-check.service';
import type {
  AgentView,
  ConfirmSaleInput,
  ConfirmSaleResult,
  EligibilityOutcome,
  PinCheck,
  ProductView,
  RbfProgramme,
  RegisterSaleInput,
  RegisterSaleResult,
} from './rbf-programme.port';
import { SalesService } from './sales/sales.service';

/** The programme side as the USSD menus see it (provided under RBF_PROGRAMME). */
@Injectable()
export class RbfProgrammeService implements RbfProgramme {
  constructor(
    private readonly eligibility: EligibilityCheckService,
    private readonly agents: AgentsService,
    private readonly companies: CompaniesService,
    private readonly sales: SalesService,
    private readonly budgets: BudgetsService,
  ) {}

  checkEligibility(organisationId: string, nationalId: string): Promise<EligibilityOutcome> {
    return this.eligibility.check(organisationId, nationalId);
  }

  organisationOfPhone(phoneE164: string): Promise<string> {
    return this.agents.organisationOfPhone(phoneE164);
  }

  findAgent(organisationId: string, phoneE164: string): Promise<AgentView | null> {
    return this.agents.findByPhone(organisationId, phoneE164);
  }

  verifyPin(agentId: string, pin: string): Promise<PinCheck> {
    return this.agents.verifyPin(agentId, pin);
  }

  listProducts(organisationId: string, companyId: string): Promise<ProductView[]> {
    return this.companies.listActiveProducts(organisationId, companyId);
  }

  incentiveFor(product: ProductView, incentivePercent: number): number {
    return incentiveFor(product, incentivePercent);
  }

  budgetLeftRwf(organisationId: string, tier: number): Promise<number> {
    return this.budgets.availableRwf(organisationId, tier);
  }

  registerSale(input: RegisterSaleInput): Promise<RegisterSaleResult> {
    return this.sales.registerSale(input);
  }

  confirmSale(input: ConfirmSaleInput): Promise<ConfirmSaleResult> {
    return this.sales.confirmSale(input);
  }
}
