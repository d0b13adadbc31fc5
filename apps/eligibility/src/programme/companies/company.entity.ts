import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A solar company selling under the programme. */
@Entity({ name: 'companies' })
@Index('companies_organisation_code_uq', ['organisationId', 'code'], { unique: true })
export class Company {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** The organisation (RBF programme) this belongs to; every query filters by it. */
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  /** Short code OMIS knows the company by, e.g. "SOLARCO" (upper case); unique within the organisation. */
  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
