import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { DeliveryFailureCode, DeliveryStatus, DeviceType } from '@limye/contracts';

/**
 * One credit to deliver to one device for one payment of one organisation (unique on organisation_id +
 * payment_id: the payment id is also the vendor's external_id, so every retry of it is deduplicated by
 * the organisation's vendor account). `lease_until` marks the
 * attempt in flight; `next_attempt_at` when the worker should look at it again (null once final).
 */
@Entity({ name: 'deliveries' })
@Index('deliveries_organisation_payment_key', ['organisationId', 'paymentId'], { unique: true })
@Index('deliveries_due_idx', ['nextAttemptAt'], { where: `status IN ('PENDING', 'UNKNOWN')` })
@Index('deliveries_organisation_status_created_idx', ['organisationId', 'status', 'createdAt'])
@Check('deliveries_status_check', `status IN ('PENDING', 'UNKNOWN', 'DELIVERED', 'FAILED')`)
export class Delivery {
  @PrimaryColumn('uuid')
  id: string;

  /** The organisation whose payment this is: its operators see it, its vendor settings credit it. */
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'payment_id', type: 'uuid' })
  paymentId: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId: string;

  @Column({ name: 'device_id', type: 'uuid' })
  deviceId: string;

  @Column({ name: 'device_type', type: 'varchar', length: 16 })
  deviceType: DeviceType;

  @Column({ name: 'device_manufacturer', type: 'varchar', length: 64 })
  deviceManufacturer: string;

  @Column({ name: 'device_serial', type: 'varchar', length: 64 })
  deviceSerial: string;

  @Column({ name: 'device_vendor_account_ref', type: 'varchar', length: 64, nullable: true })
  deviceVendorAccountRef: string | null;

  @Column({ name: 'device_site_id', type: 'varchar', length: 64, nullable: true })
  deviceSiteId: string | null;

  /** bigint in Postgres; the repository turns it back into a safe integer. */
  @Column({ name: 'amount_minor', type: 'bigint' })
  amountMinor: number;

  @Column({ type: 'varchar', length: 3 })
  currency: string;

  @Column({ type: 'varchar', length: 140, nullable: true })
  memo: string | null;

  @Column({ type: 'varchar', length: 32 })
  driver: string;

  @Column({ type: 'varchar', length: 16 })
  status: DeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'vendor_ref', type: 'varchar', length: 128, nullable: true })
  vendorRef: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'failure_code', type: 'varchar', length: 64, nullable: true })
  failureCode: DeliveryFailureCode | null;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;
}
