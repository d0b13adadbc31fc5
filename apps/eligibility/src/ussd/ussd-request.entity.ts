import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One USSD hop as the request log keeps it: no national ID, the phone masked. */
@Entity({ name: 'ussd_requests' })
@Index('ussd_requests_received_idx', ['receivedAt'])
export class UssdRequest {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;

  @Column({ type: 'varchar', length: 32 })
  gateway: string;

  @Column({ name: 'session_id', type: 'varchar', length: 128 })
  sessionId: string;

  @Column({ name: 'phone_masked', type: 'varchar', length: 32 })
  phoneMasked: string;

  @Column({ name: 'service_code', type: 'varchar', length: 32, nullable: true })
  serviceCode: string | null;

  @Column({ type: 'varchar', length: 64 })
  screen: string;

  @Column({ type: 'varchar', length: 64 })
  outcome: string;
}
