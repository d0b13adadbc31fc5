import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SALE_STATUSES } from './sales/sale.entity';

// The answers of the eligibility admin API as OpenAPI schemas (the code builds CompanyView, ProductAdminView, AgentAdminView, BudgetView, SaleView, RulesView).

/** A solar company in the programme. */
export class CompanyResponse {
  @ApiProperty({ type: String, format: 'uuid' })
  id: string;

  @ApiProperty({ type: String, example: 'SOLARCO' })
  code: string;

  @ApiProperty({ type: String })
  name: string;

  @ApiProperty({ type: Boolean })
  active: boolean;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: string;
}

/** A product a company sells under the programme. */
export class ProductResponse {
  @ApiProperty({ type: String, format: 'uuid' })
  id: string;

  @ApiProperty({ type: String, format: 'uuid' })
  companyId: string;

  @ApiProperty({ type: String })
  code: string;

  @ApiProperty({ type: String })
  name: string;

  @ApiProperty({ type: 'integer', description: 'Whole RWF (no minor unit).' })
  priceRwf: number;

  @ApiProperty({ type: 'integer', description: 'Whole RWF.' })
  incentiveCapRwf: number;

  @ApiProperty({ type: Boolean })
  active: boolean;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: string;
}

/** A company an agent sells for. */
export class AgentCompanyResponse {
  @ApiProperty({ type: String, format: 'uuid' })
  id: string;

  @ApiProperty({ type: String })
  code: string;

  @ApiProperty({ type: String })
  name: string;

  @ApiProperty({ type: Boolean })
  active: boolean;
}

/** A sales agent (the PIN is never returned). */
export class AgentResponse {
  @ApiProperty({ type: String, format: 'uuid' })
  id: string;

  @ApiProperty({ type: String, description: 'E.164.', example: '+250788123456' })
  phone: string;

  @ApiProperty({ type: String })
  name: string;

  @ApiProperty({ type: Boolean })
  active: boolean;

  @ApiProperty({ type: () => AgentCompanyResponse, isArray: true })
  companies: AgentCompanyResponse[];

  @ApiProperty({ type: 'integer' })
  failedPinAttempts: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Set while locked out.' })
  lockedUntil: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: string;
}

/** The incentive budget of one tier, whole RWF. */
export class BudgetResponse {
  @ApiProperty({ type: 'integer' })
  tier: number;

  @ApiProperty({ type: 'integer' })
  totalRwf: number;

  @ApiProperty({ type: 'integer' })
  reservedRwf: number;

  @ApiProperty({ type: 'integer' })
  spentRwf: number;

  @ApiProperty({ type: 'integer' })
  availableRwf: number;
}

/** A company or product of a sale. */
export class SaleRefResponse {
  @ApiProperty({ type: String, format: 'uuid' })
  id: string;

  @ApiProperty({ type: String })
  code: string;
}

/** The product of a sale. */
export class SaleProductResponse {
  @ApiProperty({ type: String, format: 'uuid' })
  id: string;

  @ApiProperty({ type: String })
  code: string;

  @ApiProperty({ type: String })
  name: string;
}

/** The agent of a sale. */
export class SaleAgentResponse {
  @ApiProperty({ type: String, format: 'uuid' })
  id: string;

  @ApiProperty({ type: String })
  name: string;
}

/** Where the household lives. */
export class SaleLocationResponse {
  @ApiProperty({ type: String })
  province: string;

  @ApiProperty({ type: String })
  district: string;

  @ApiProperty({ type: String })
  sector: string;

  @ApiProperty({ type: String })
  cell: string;

  @ApiProperty({ type: String })
  village: string;
}

/** A subsidised sale; the national ID masked. */
export class SaleResponse {
  @ApiProperty({ type: String })
  reference: string;

  @ApiProperty({ enum: [...SALE_STATUSES] })
  status: string;

  @ApiProperty({ type: String })
  householdId: string;

  @ApiProperty({ type: String, example: '************5012' })
  nationalIdMasked: string;

  @ApiProperty({ type: String })
  category: string;

  @ApiProperty({ type: 'integer' })
  tier: number;

  @ApiProperty({ type: Number })
  incentivePercent: number;

  @ApiProperty({ type: () => SaleRefResponse })
  company: SaleRefResponse;

  @ApiProperty({ type: () => SaleProductResponse })
  product: SaleProductResponse;

  @ApiProperty({ type: () => SaleAgentResponse })
  agent: SaleAgentResponse;

  @ApiProperty({ type: 'integer', description: 'Whole RWF.' })
  priceRwf: number;

  @ApiProperty({ type: 'integer', description: 'Whole RWF.' })
  incentiveRwf: number;

  @ApiProperty({ type: () => SaleLocationResponse })
  location: SaleLocationResponse;

  @ApiProperty({ type: String, nullable: true })
  voucherNumber: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  registeredAt: string;

  @ApiProperty({ type: String, format: 'date-time' })
  reservedUntil: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  confirmedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expiredAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Status rejected: when OMIS refused the registration.' })
  rejectedAt: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'OMIS\'s answer.', example: 'HTTP 409 household_blocked' })
  rejectionReason: string | null;

  @ApiProperty({ type: String })
  omisStatus: string;
}

/** One page of sales. */
export class SalesPageResponse {
  @ApiProperty({ type: () => SaleResponse, isArray: true })
  items: SaleResponse[];

  @ApiProperty({ type: 'integer' })
  total: number;

  @ApiProperty({ type: 'integer' })
  limit: number;

  @ApiProperty({ type: 'integer' })
  offset: number;
}

/** The incentive of a tier. */
export class TierPercentResponse {
  @ApiProperty({ type: 'integer' })
  tier: number;

  @ApiProperty({ type: Number })
  percent: number;
}

/** The legacy tier of a 2020 category. */
export class CategoryTierResponse {
  @ApiProperty({ type: String })
  category: string;

  @ApiProperty({ type: 'integer' })
  tier: number;
}

/** The programme rules in force. */
export class RulesResponse {
  @ApiProperty({ type: () => TierPercentResponse, isArray: true })
  incentivePercent: TierPercentResponse[];

  @ApiProperty({ type: () => CategoryTierResponse, isArray: true })
  categoryMap: CategoryTierResponse[];

  @ApiProperty({ type: 'integer' })
  reservationDays: number;

  @ApiProperty({ type: 'integer' })
  agentPinMaxAttempts: number;

  @ApiProperty({ type: 'integer' })
  agentLockMinutes: number;
}
