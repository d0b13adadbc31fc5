import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NationalSystemsModule } from '../national-systems/national-systems.module';
import { AgentsHttpController } from './agents/agents.http-controller';
import { AgentsService } from './agents/agents.service';
import { BudgetsHttpController } from './budgets/budgets.http-controller';
import { BudgetsService } from './budgets/budgets.service';
import { CompaniesHttpController } from './companies/companies.http-controller';
import { CompaniesService } from './companies/companies.service';
import { Company } from './companies/company.entity';
import { Product } from './companies/product.entity';
import { EligibilityCheckService } from './eligibility-check.service';
import { OmisOutboxRepository } from './omis-outbox/omis-outbox.repository';
import { OmisOutboxWorker } from './omis-outbox/omis-outbox.worker';
import { programmeRulesProvider } from './programme-rules.provider';
import { RBF_PROGRAMME } from './rbf-programme.port';
import { RbfProgrammeService } from './rbf-programme.service';
import { RulesHttpController } from './rules.http-controller';
import { SaleExpirySweeper } from './sales/sale-expiry.sweeper';
import { SalesQueryService } from './sales/sales-query.service';
import { SalesHttpController } from './sales/sales.http-controller';
import { SalesService } from './sales/sales.service';

/**
 * The programme side: rules, companies, products, agents, budgets, sales, the OMIS outbox and the
 * admin API. The USSD layer sees it only through RBF_PROGRAMME.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Company, Product]), NationalSystemsModule],
  controllers: [CompaniesHttpController, AgentsHttpController, BudgetsHttpController, SalesHttpController, RulesHttpController],
  providers: [
    programmeRulesProvider,
    CompaniesService,
    AgentsService,
    BudgetsService,
    EligibilityCheckService,
    SalesService,
    SalesQueryService,
    SaleExpirySweeper,
    OmisOutboxRepository,
    OmisOutboxWorker,
    RbfProgrammeService,
    { provide: RBF_PROGRAMME, useExisting: RbfProgrammeService },
  ],
  exports: [RBF_PROGRAMME],
})
export class ProgrammeModule {}
