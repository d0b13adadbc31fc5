import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { DeviceType } from '@limye/contracts';
import { Site } from '../sites/site.entity';
import { Customer } from './customer.entity';

/** What a payment ends up powering: a smart meter, a solar home system or an e-bike battery. */
@Entity({ name: 'devices' })
@Index('devices_serial_normalized_uq', ['organisationId', 'serialNormalized'], { unique: true })
@Index('devices_customer_idx', ['customerId'])
// A vendor account (a SparkMeter code) belongs to one device of a site, or payments credit the wrong meter.
@Index('devices_site_vendor_account_uq', ['organisationId', 'siteId', 'vendorAccountRef'], { unique: true, where: '"vendor_account_ref" IS NOT NULL' })
@Check('devices_type_check', `"type" IN ('meter', 'shs', 'ebike')`)
export class Device {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** Its customer's organisation (the foreign key to the customer carries it). */
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId: string;

  // Declared for its foreign key; never loaded.
  @ManyToOne(() => Customer, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'organisation_id', referencedColumnName: 'organisationId', foreignKeyConstraintName: 'devices_customer_fk' },
    { name: 'customer_id', referencedColumnName: 'id', foreignKeyConstraintName: 'devices_customer_fk' },
  ])
  customer?: Customer;

  @Column({ type: 'varchar', length: 16 })
  type: DeviceType;

  @Column({ type: 'varchar', length: 64 })
  manufacturer: string;

  /** As printed on the device. */
  @Column({ type: 'varchar', length: 64 })
  serial: string;

  /** normalizeIdentifier(serial): what lookups and the unique index use. */
  @Column({ name: 'serial_normalized', type: 'varchar', length: 64 })
  serialNormalized: string;

  /** The vendor's own customer id where the vendor credits accounts, e.g. a SparkMeter customer code. */
  @Column({ name: 'vendor_account_ref', type: 'varchar', length: 64, nullable: true })
  vendorAccountRef: string | null;

  @Column({ name: 'site_id', type: 'varchar', length: 64, nullable: true })
  siteId: string | null;

  // Declared for its foreign key; never loaded.
  @ManyToOne(() => Site, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'organisation_id', referencedColumnName: 'organisationId', foreignKeyConstraintName: 'devices_site_fk' },
    { name: 'site_id', referencedColumnName: 'id', foreignKeyConstraintName: 'devices_site_fk' },
  ])
  site?: Site;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
