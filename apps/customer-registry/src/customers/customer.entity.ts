import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Site } from '../sites/site.entity';

/** A person who pays for energy. Personal data (name, phone) stays in this service. */
@Entity({ name: 'customers' })
// Identifiers are unique per organisation: two operators may both have an account 1000017 or a shared phone.
@Index('customers_account_number_normalized_uq', ['organisationId', 'accountNumberNormalized'], { unique: true })
@Index('customers_phone_idx', ['organisationId', 'phone'])
@Index('customers_site_idx', ['organisationId', 'siteId'])
// What a device's foreign key points at: its customer is of the same organisation.
@Index('customers_organisation_id_uq', ['organisationId', 'id'], { unique: true })
export class Customer {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** The organisation the customer is a customer of; every read filters by it. */
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  /** E.164. Several customers may share a phone (a family, a shop): matching treats that as ambiguous. */
  @Column({ type: 'varchar', length: 16 })
  phone: string;

  /** As the operator wrote it (or as generated). */
  @Column({ name: 'account_number', type: 'varchar', length: 64 })
  accountNumber: string;

  /** normalizeIdentifier(accountNumber): what lookups and the unique index use. */
  @Column({ name: 'account_number_normalized', type: 'varchar', length: 64 })
  accountNumberNormalized: string;

  @Column({ name: 'site_id', type: 'varchar', length: 64, nullable: true })
  siteId: string | null;

  // Declared for its foreign key; never loaded.
  @ManyToOne(() => Site, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'organisation_id', referencedColumnName: 'organisationId', foreignKeyConstraintName: 'customers_site_fk' },
    { name: 'site_id', referencedColumnName: 'id', foreignKeyConstraintName: 'customers_site_fk' },
  ])
  site?: Site;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
