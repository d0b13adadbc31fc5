import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from '@limye/platform';

/** A credential for an outside system (an integration), exchanged for access tokens at /v1/auth/token. */
@Entity({ name: 'api_keys' })
export class ApiKey {
  /** Also the `sub` of its tokens and the middle part of the key (`lky_<id without dashes>_<secret>`). */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

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
