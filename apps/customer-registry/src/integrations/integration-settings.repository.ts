import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { IntegrationSystem } from '@limye/contracts';

export interface StoredIntegration {
  organisationId: string;
  system: IntegrationSystem;
  options: Record<string, string>;
  sealedSecrets: string;
  secretFields: string[];
  updatedAt: Date;
  updatedBy: string;
  /** Bumped by every save: a save names the version it read. */
  version: number;
}

interface Row {
  organisation_id: string;
  system: IntegrationSystem;
  options: Record<string, string>;
  sealed_secrets: string;
  secret_fields: string[];
  updated_at: Date;
  updated_by: string;
  version: number;
}

const toStored = (r: Row): StoredIntegration => ({
  organisationId: r.organisation_id,
  system: r.system,
  options: r.options,
  sealedSecrets: r.sealed_secrets,
  secretFields: r.secret_fields,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
  version: r.version,
});

@Injectable()
export class IntegrationSettingsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async find(organisationId: string, system: IntegrationSystem): Promise<StoredIntegration | null> {
    const rows: Row[] = await this.db.query(`SELECT * FROM integration_settings WHERE organisation_id = $1 AND system = $2`, [organisationId, system]);
    return rows[0] ? toStored(rows[0]) : null;
  }

  async list(organisationId: string): Promise<StoredIntegration[]> {
    const rows: Row[] = await this.db.query(`SELECT * FROM integration_settings WHERE organisation_id = $1 ORDER BY system`, [organisationId]);
    return rows.map(toStored);
  }

  /**
   * Writes the new settings only if the row is still at `expectedVersion` (null: absent), so two admins
   * saving at once cannot merge one's secrets into the other's options unseen: the loser gets false and retries.
   */
  async save(s: Omit<StoredIntegration, 'updatedAt' | 'version'>, expectedVersion: number | null): Promise<StoredIntegration | null> {
    const rows: Row[] =
      expectedVersion === null
        ? await this.db.query(
            `INSERT INTO integration_settings (organisation_id, system, options, sealed_secrets, secret_fields, updated_by)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING *`,
            [s.organisationId, s.system, JSON.stringify(s.options), s.sealedSecrets, s.secretFields, s.updatedBy],
          )
        : (
            await this.db.query(
              `UPDATE integration_settings SET options = $3, sealed_secrets = $4, secret_fields = $5, updated_by = $6, updated_at = clock_timestamp(), version = version + 1
               WHERE organisation_id = $1 AND system = $2 AND version = $7 RETURNING *`,
              [s.organisationId, s.system, JSON.stringify(s.options), s.sealedSecrets, s.secretFields, s.updatedBy, expectedVersion],
            )
          )[0];
    return rows[0] ? toStored(rows[0]) : null;
  }

  async remove(organisationId: string, system: IntegrationSystem): Promise<boolean> {
    const [, count] = await this.db.query(`DELETE FROM integration_settings WHERE organisation_id = $1 AND system = $2`, [organisationId, system]);
    return count > 0;
  }

  /** Rows sealed by another key than `currentKeyId` (rotation). */
  async sealedByOtherKey(currentKeyId: string, limit: number): Promise<StoredIntegration[]> {
    const rows: Row[] = await this.db.query(
      `SELECT * FROM integration_settings WHERE split_part(sealed_secrets, '.', 2) <> $1 ORDER BY organisation_id, system LIMIT $2`,
      [currentKeyId, limit],
    );
    return rows.map(toStored);
  }

  async reseal(organisationId: string, system: IntegrationSystem, from: string, to: string): Promise<void> {
    await this.db.query(`UPDATE integration_settings SET sealed_secrets = $4 WHERE organisation_id = $1 AND system = $2 AND sealed_secrets = $3`, [organisationId, system, from, to]);
  }
}
