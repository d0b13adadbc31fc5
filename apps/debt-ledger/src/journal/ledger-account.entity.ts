import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { LedgerAccountKind } from '@limye/contracts';

/**
 * One ledger account, created the first time something posts to it. The code says what it is
 * (`provider_clearing:moncash:HTG`, `customer:<uuid>:energy_credit:HTG`) and is unique in its organisation.
 */
@Entity({ name: 'accounts' })
@Index('accounts_code_uq', ['organisationId', 'code'], { unique: true })
@Index('accounts_customer_idx', ['organisationId', 'customerId'])
@Check('accounts_kind_ck', `"kind" IN ('provider_clearing', 'energy_credit', 'energy_delivered')`)
@Check('accounts_owner_ck', `("kind" = 'provider_clearing') = ("customer_id" IS NULL)`)
export class LedgerAccount {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Whose books the account is in: every organisation has its own clearing and customer accounts. */
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'varchar', length: 128 })
  code: string;

  @Column({ type: 'varchar', length: 32 })
  kind: LedgerAccountKind;

  @Column({ type: 'varchar', length: 3 })
  currency: string;

  /** Set on every customer account, null on provider clearing accounts. */
  @Column({ name: 'customer_id', type: 'uuid', nullable: true })
  customerId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
