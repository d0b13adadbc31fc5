import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Role } from '@limye/platform';
import { Organisation } from '../organisations/organisation.entity';
import { OperatorUser } from './operator-user.entity';

/** A user's role in one organisation; disabled there (and only there) when disabledAt is set. */
@Entity({ name: 'memberships' })
@Index('memberships_organisation_idx', ['organisationId'])
@Check('memberships_role_check', `"role" IN ('owner', 'admin', 'finance', 'field', 'viewer', 'programme')`)
export class Membership {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  // Declared for their foreign keys; never loaded.
  @ManyToOne(() => OperatorUser, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'memberships_user_fk' })
  user?: OperatorUser;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'memberships_organisation_fk' })
  organisation?: Organisation;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
