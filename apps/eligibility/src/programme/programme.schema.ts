import { Programme1763910000001 } from '../database/migrations/1763910000001-programme';
import { SaleRejection1763930000001 } from '../database/migrations/1763930000001-sale-rejection';
import { ProgrammeOrganisation1764300000001 } from '../database/migrations/1764300000001-programme-organisation';
import { AgentCompany } from './agents/agent-company.entity';
import { Agent } from './agents/agent.entity';
import { Budget } from './budgets/budget.entity';
import { Company } from './companies/company.entity';
import { Product } from './companies/product.entity';
import { OmisOutboxRow } from './omis-outbox/omis-outbox-row.entity';
import { Sale } from './sales/sale.entity';

/** Entities and migrations of the programme side (companies, products, agents, budgets, sales, OMIS outbox). */
export const PROGRAMME_ENTITIES: Function[] = [Company, Product, Agent, AgentCompany, Budget, Sale, OmisOutboxRow];
export const PROGRAMME_MIGRATIONS: Function[] = [Programme1763910000001, SaleRejection1763930000001, ProgrammeOrganisation1764300000001];
