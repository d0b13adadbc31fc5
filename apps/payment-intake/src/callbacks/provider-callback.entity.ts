import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Every callback a provider sent, raw, whatever became of it: a callback is a hint, kept as evidence. */
@Entity({ name: 'provider_callbacks' })
@Index('provider_callbacks_ref_idx', ['provider', 'transactionId'])
export class ProviderCallback {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 32 })
  provider: string;

  /** alert, return, reconciliation… */
  @Column({ type: 'varchar', length: 32 })
  kind: string;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ name: 'transaction_id', type: 'varchar', length: 128, nullable: true })
  transactionId: string | null;

  @Column({ name: 'order_id', type: 'varchar', length: 64, nullable: true })
  orderId: string | null;

  @Column({ name: 'payment_id', type: 'uuid', nullable: true })
  paymentId: string | null;

  @Column({ type: 'varchar', length: 32 })
  outcome: string;
}
