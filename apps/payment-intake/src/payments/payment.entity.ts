import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintColumn } from '@limye/platform';
import type { PaymentState } from './domain/payment-state';

export interface MatchedDevice {
  id: string;
  type: 'meter' | 'shs' | 'ebike';
  manufacturer: string;
  serial: string;
  vendorAccountRef: string | null;
  siteId: string | null;
}

/** One payment from a provider; unique on (provider, provider transaction id). */
@Entity({ name: 'payments' })
@Index('payments_provider_ref_uq', ['provider', 'providerRef'], { unique: true })
@Index('payments_due_idx', ['nextAttemptAt'], { where: `state IN ('RECEIVED','VERIFIED','MATCHED','ALLOCATED')` })
@Index('payments_state_idx', ['state', 'createdAt'])
@Index('payments_order_idx', ['provider', 'orderId'])
@Index('payments_organisation_created_idx', ['organisationId', 'createdAt'])
export class Payment {
  @PrimaryColumn('uuid')
  id: string;

  /**
   * Whose payment it is: the organisation of the checkout whose order MonCash confirmed it paid (set when it
   * is VERIFIED), else the default organisation's (whose MonCash account the env's credentials are).
   */
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'varchar', length: 32 })
  provider: string;

  /** The provider's transaction id (MonCash transaction_id). */
  @Column({ name: 'provider_ref', type: 'varchar', length: 128 })
  providerRef: string;

  @Column({ type: 'varchar', length: 16 })
  state: PaymentState;

  /** Our order id (MonCash `reference`), when the payment came from a checkout. */
  @Column({ name: 'order_id', type: 'varchar', length: 64, nullable: true })
  orderId: string | null;

  @Column({ name: 'account_number', type: 'varchar', length: 64, nullable: true })
  accountNumber: string | null;

  @Column({ name: 'payer_phone', type: 'varchar', length: 32, nullable: true })
  payerPhone: string | null;

  /** Known once the provider confirmed the payment; never taken from a callback. */
  @Column({ name: 'amount_minor', type: 'bigint', nullable: true, transformer: bigintColumn })
  amountMinor: number | null;

  @Column({ type: 'varchar', length: 3, nullable: true })
  currency: string | null;

  @Column({ name: 'customer_id', type: 'uuid', nullable: true })
  customerId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  device: MatchedDevice | null;

  @Column({ name: 'energy_credit_minor', type: 'bigint', nullable: true, transformer: bigintColumn })
  energyCreditMinor: number | null;

  @Column({ name: 'delivery_id', type: 'uuid', nullable: true })
  deliveryId: string | null;

  @Column({ name: 'vendor_ref', type: 'varchar', length: 128, nullable: true })
  vendorRef: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** How often the provider said it does not know this transaction (it can lag behind its callbacks). */
  @Column({ name: 'not_found_count', type: 'int', default: 0 })
  notFoundCount: number;

  /** Attempts at the current step; reset on every transition. */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
