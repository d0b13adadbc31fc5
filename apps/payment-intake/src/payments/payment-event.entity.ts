import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The history of a payment: every state it reached, when, and why. Append-only. */
@Entity({ name: 'payment_events' })
@Index('payment_events_payment_idx', ['paymentId', 'id'])
export class PaymentEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'payment_id', type: 'uuid' })
  paymentId: string;

  @Column({ type: 'varchar', length: 16 })
  state: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Column({ type: 'text', nullable: true })
  detail: string | null;
}
