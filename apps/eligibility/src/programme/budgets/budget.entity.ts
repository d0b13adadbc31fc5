import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintColumn } from '@limye/platform';

/**
 * The incentive budget of one tier. A registered sale reserves its incentive, its confirmation moves it to
 * spent, its expiry releases it. The database itself refuses reserving or spending beyond the total.
 */
@Entity({ name: 'budgets' })
@Check('budgets_within_total_check', `"reserved_rwf" + "spent_rwf" <= "total_rwf"`)
@Check('budgets_non_negative_check', `"total_rwf" >= 0 AND "reserved_rwf" >= 0 AND "spent_rwf" >= 0`)
export class Budget {
  /** Each organisation (programme) has its own budget per tier. */
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @PrimaryColumn({ type: 'smallint' })
  tier: number;

  @Column({ name: 'total_rwf', type: 'bigint', transformer: bigintColumn })
  totalRwf: number;

  @Column({ name: 'reserved_rwf', type: 'bigint', default: 0, transformer: bigintColumn })
  reservedRwf: number;

  @Column({ name: 'spent_rwf', type: 'bigint', default: 0, transformer: bigintColumn })
  spentRwf: number;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
