import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A place customers live (a mini-grid, a district) of one organisation: its country is the default for local phone numbers. */
@Entity({ name: 'sites' })
export class Site {
  /** The organisation the site is one of: site ids are the operator's own, unique within it. */
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  /** A slug chosen by the operator, e.g. "haiti-north". */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'varchar', length: 2 })
  country: string;

  /** ISO 4217. */
  @Column({ type: 'varchar', length: 3 })
  currency: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
