import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Role } from '@limye/platform';
import { Organisation } from '../organisations/organisation.entity';

/** A credential for an outside system (an integration), exchanged for access tokens at /v1/auth/token. */
@Entity({ name: 'api_keys' })
@Index('api_keys_organisation_idx', ['organisationId'])
@Check('api_keys_role_check', `"role" IN ('owner', 'admin', 'finance', 'field', 'viewer', 'programme')`)
export class ApiKey {
  /** Also the `sub` of its tokens and the middle part of the key (`lky_<id without dashes>_<secret>`). */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  // Declared for its foreign key; never loaded.
  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'api_keys_organisation_fk' })
  organisation?: Organisation;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  /** SHA-256 of the secret part (api-key-secret.ts says why a fast hash is enough); never leaves this service. */
  @Column({ name: 'secret_sha256', type: 'bytea' })
  secretSha256: Buffer;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  /** The user (or key) id that created it. */
  @Column({ name: 'created_by', type: 'varchar', length: 64 })
  createdBy: string;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  /** Set each time it is exchanged for a token. */
  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
