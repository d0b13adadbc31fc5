import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { bigintColumn } from '@limye/platform';
import { Agent } from '../agents/agent.entity';
import { Company } from '../companies/company.entity';
import { Product } from '../companies/product.entity';

/**
 * `rejected`: OMIS refused the sale's registration (OMIS is the authority: a sale registered in Limye is
 * provisional until OMIS accepts it); its incentive went back to the budget. Terminal, like `expired`.
 */
export const SALE_STATUSES = ['pending_installation', 'confirmed', 'expired', 'rejected'] as const;
export type SaleStatus = (typeof SALE_STATUSES)[number];

export const OMIS_STATUSES = ['pending', 'sent', 'rejected'] as const;
export type OmisStatus = (typeof OMIS_STATUSES)[number];

/**
 * A subsidised sale registered by an agent. One household holds at most one pending or confirmed sale
 * (partial unique index): one subsidised system per household, whichever member's ID was used. Expired
 * and rejected sales are outside that index: they hold no incentive and do not block the household.
 *
 * The full national ID is kept because OMIS needs it with the sale (PUT /v1/sales); answers and logs
 * show only `national_id_masked`.
 */
@Entity({ name: 'sales' })
@Index('sales_reference_uq', ['reference'], { unique: true })
@Index('sales_session_key_uq', ['sessionKey'], { unique: true })
@Index('sales_organisation_household_active_uq', ['organisationId', 'householdId'], { unique: true, where: `"status" IN ('pending_installation', 'confirmed')` })
@Index('sales_pending_reserved_idx', ['reservedUntil'], { where: `"status" = 'pending_installation'` })
@Index('sales_organisation_registered_idx', ['organisationId', 'registeredAt'])
@Index('sales_company_idx', ['companyId'])
@Check('sales_status_check', `"status" IN ('pending_installation', 'confirmed', 'expired', 'rejected')`)
@Check('sales_omis_status_check', `"omis_status" IN ('pending', 'sent', 'rejected')`)
@Check('sales_amounts_check', `"price_rwf" > 0 AND "incentive_rwf" >= 0 AND "incentive_rwf" <= "price_rwf"`)
export class Sale {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** The organisation (RBF programme) of the agent who registered it; every query filters by it. */
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  /** 8 digits: 7 random and a Damm check digit. What the agent types at installation. */
  @Column({ type: 'varchar', length: 8 })
  reference: string;

  /** `<gateway>:<sessionId>`: one sale per USSD session. */
  @Column({ name: 'session_key', type: 'varchar', length: 160 })
  sessionKey: string;

  /** MEIS household ID. */
  @Column({ name: 'household_id', type: 'varchar', length: 32 })
  householdId: string;

  /** Full 16 digits, for OMIS only (see the class comment). */
  @Column({ name: 'national_id', type: 'varchar', length: 16 })
  nationalId: string;

  @Column({ name: 'national_id_masked', type: 'varchar', length: 16 })
  nationalIdMasked: string;

  /** As MEIS reported it ('1'..'4', 'A'..'E'). */
  @Column({ type: 'varchar', length: 8 })
  category: string;

  @Column({ type: 'smallint' })
  tier: number;

  @Column({ name: 'incentive_percent', type: 'smallint' })
  incentivePercent: number;

  @Column({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @ManyToOne(() => Company, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'company_id', foreignKeyConstraintName: 'sales_company_fk' })
  company?: Company;

  @Column({ name: 'product_id', type: 'uuid' })
  productId: string;

  @ManyToOne(() => Product, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'product_id', foreignKeyConstraintName: 'sales_product_fk' })
  product?: Product;

  @Column({ name: 'agent_id', type: 'uuid' })
  agentId: string;

  @ManyToOne(() => Agent, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agent_id', foreignKeyConstraintName: 'sales_agent_fk' })
  agent?: Agent;

  /** Whole RWF, as the product cost when sold. */
  @Column({ name: 'price_rwf', type: 'bigint', transformer: bigintColumn })
  priceRwf: number;

  /** Whole RWF, reserved from the tier's budget at registration. */
  @Column({ name: 'incentive_rwf', type: 'bigint', transformer: bigintColumn })
  incentiveRwf: number;

  @Column({ type: 'varchar', length: 64 })
  province: string;

  @Column({ type: 'varchar', length: 64 })
  district: string;

  @Column({ type: 'varchar', length: 64 })
  sector: string;

  @Column({ type: 'varchar', length: 64 })
  cell: string;

  @Column({ type: 'varchar', length: 64 })
  village: string;

  @Column({ type: 'varchar', length: 24, default: 'pending_installation' })
  status: SaleStatus;

  @Column({ name: 'registered_at', type: 'timestamptz', default: () => 'now()' })
  registeredAt: Date;

  @Column({ name: 'reserved_until', type: 'timestamptz' })
  reservedUntil: Date;

  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  @Column({ name: 'expired_at', type: 'timestamptz', nullable: true })
  expiredAt: Date | null;

  /** When OMIS refused the registration (status `rejected`). */
  @Column({ name: 'rejected_at', type: 'timestamptz', nullable: true })
  rejectedAt: Date | null;

  /** OMIS's answer to the registration, e.g. "HTTP 409 household_blocked" (truncated). */
  @Column({ name: 'rejection_reason', type: 'varchar', length: 200, nullable: true })
  rejectionReason: string | null;

  /** The household's voucher number from OMIS, when OMIS had one at the eligibility check. */
  @Column({ name: 'voucher_number', type: 'varchar', length: 16, nullable: true })
  voucherNumber: string | null;

  /** Where OMIS stands: writes queued, all sent, or one refused (operators look at those). */
  @Column({ name: 'omis_status', type: 'varchar', length: 16, default: 'pending' })
  omisStatus: OmisStatus;
}
