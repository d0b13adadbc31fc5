import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { bigintColumn } from '@limye/platform';
import { Company } from './company.entity';

/** A system a company sells under the programme, with its price and the most incentive paid on it. */
@Entity({ name: 'products' })
@Index('products_company_code_uq', ['companyId', 'code'], { unique: true })
@Check('products_amounts_check', `"price_rwf" > 0 AND "incentive_cap_rwf" > 0`)
export class Product {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** The organisation (RBF programme) this belongs to; every query filters by it. */
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'company_id', type: 'uuid' })
  companyId: string;

  // Declared for its foreign key; never loaded.
  @ManyToOne(() => Company, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'company_id', foreignKeyConstraintName: 'products_company_fk' })
  company?: Company;

  /** Upper case, e.g. "SHS-50W". */
  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  /** Whole RWF. */
  @Column({ name: 'price_rwf', type: 'bigint', transformer: bigintColumn })
  priceRwf: number;

  /** Whole RWF. */
  @Column({ name: 'incentive_cap_rwf', type: 'bigint', transformer: bigintColumn })
  incentiveCapRwf: number;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
