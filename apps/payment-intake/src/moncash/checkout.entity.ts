import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintColumn } from '@limye/platform';

/**
 * An order we created at MonCash (CreatePayment), remembered against the account it pays for. The
 * payment it turns into gets `reservedPaymentId` when we learn of it through the order.
 */
@Entity({ name: 'checkouts' })
@Index('checkouts_open_idx', ['createdAt'], { where: 'payment_id IS NULL' })
@Index('checkouts_due_idx', ['nextCheckAt'], { where: 'payment_id IS NULL' })
export class Checkout {
  @PrimaryColumn({ name: 'order_id', type: 'varchar', length: 64 })
  orderId: string;

  /** The organisation of the caller who created the order: a payment MonCash confirms for it is that organisation's. */
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'varchar', length: 32 })
  provider: string;

  @Column({ name: 'reserved_payment_id', type: 'uuid', unique: true })
  reservedPaymentId: string;

  @Column({ name: 'account_number', type: 'varchar', length: 64 })
  accountNumber: string;

  @Column({ name: 'amount_minor', type: 'bigint', transformer: bigintColumn })
  amountMinor: number;

  @Column({ type: 'varchar', length: 3 })
  currency: string;

  @Column({ name: 'payment_token', type: 'varchar', length: 512, nullable: true })
  paymentToken: string | null;

  @Column({ name: 'payment_id', type: 'uuid', nullable: true })
  paymentId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'last_checked_at', type: 'timestamptz', nullable: true })
  lastCheckedAt: Date | null;

  /** How often the reconciler asked MonCash about it (RetrieveOrderPayment). */
  @Column({ name: 'check_count', type: 'int', default: 0 })
  checkCount: number;

  /** When the reconciler asks next while it has no payment (each time later: see MonCashReconciler). */
  @Column({ name: 'next_check_at', type: 'timestamptz', default: () => 'now()' })
  nextCheckAt: Date;
}
