import * as fs from 'fs';
import * as path from 'path';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEFAULT_ORGANISATION_ID, SERVICE_ENV } from '@limye/platform';
import { AccessChangeLog } from '../access-changes/access-change-log';
import { parseApiKey, secretMatches } from '../api-keys/api-key-secret';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { CustomerRegistryEnv, DEMO_PASSWORD_DEFAULT } from '../config/customer-registry.env';
import { normaliseEmail, OperatorsService } from '../operators/operators.service';
import { hashPassword, passwordMatches } from '../operators/password';

export const DEMO_API_KEY_NAME = 'demo';

/**
 * `npm start`'s demo credentials, made sure of at every start before the service answers (LIMYE_DEMO_SEED=1,
 * set by the launcher only, refused in production): the owner LIMYE_DEMO_EMAIL with the password
 * LIMYE_DEMO_PASSWORD in the default organisation (enabled, not locked, the password reset to that value
 * so the launcher's banner is always true), and an API key named "demo". An API key's secret exists only
 * when it is made, so the key is kept in LIMYE_DEMO_API_KEY_FILE (mode 0600) and made again only when that
 * file's key is missing, revoked or expired.
 */
@Injectable()
export class DemoSeed implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoSeed');

  constructor(
    private readonly ds: DataSource,
    private readonly operators: OperatorsService,
    private readonly apiKeys: ApiKeysService,
    private readonly changes: AccessChangeLog,
    @Inject(SERVICE_ENV) private readonly env: CustomerRegistryEnv,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const userId = await this.ensureOwner(this.env.LIMYE_DEMO_EMAIL, this.env.LIMYE_DEMO_PASSWORD || DEMO_PASSWORD_DEFAULT);
    const keyMade = await this.ensureApiKey(this.env.LIMYE_DEMO_API_KEY_FILE, userId);
    await this.changes.record({ actor: 'system', organisationId: DEFAULT_ORGANISATION_ID, action: 'demo.seeded', target: userId, after: { role: 'owner', apiKeyMade: keyMade } });
    this.logger.log({ msg: 'demo credentials ready', userId, apiKeyMade: keyMade });
  }

  private async ensureOwner(email: string, password: string): Promise<string> {
    const found = await this.operators.findForSignIn(email);
    let userId = found?.user.id;
    if (!found) {
      userId = await this.ds.transaction(async (tx) => this.operators.insertUser(tx, email, await hashPassword(password)));
    } else if (!(await passwordMatches(password, found.user.passwordHash))) {
      await this.operators.setPassword(found.user.id, password);
    }
    await this.ds.query(
      `INSERT INTO "memberships" ("user_id", "organisation_id", "role") VALUES ($1, $2, 'owner')
       ON CONFLICT ("user_id", "organisation_id") DO UPDATE SET "role" = 'owner', "disabled_at" = NULL, "updated_at" = now()
       WHERE "memberships"."role" <> 'owner' OR "memberships"."disabled_at" IS NOT NULL`,
      [userId, DEFAULT_ORGANISATION_ID],
    );
    await this.ds.query(`DELETE FROM "sign_in_attempts" WHERE "email" = $1`, [normaliseEmail(email)]);
    return userId as string;
  }

  /** True when a new key was made (and written to `file`). */
  private async ensureApiKey(file: string, createdBy: string): Promise<boolean> {
    const kept = readKeyFile(file);
    const parsed = kept ? parseApiKey(kept) : null;
    if (parsed) {
      const key = await this.apiKeys.findUsable(DEFAULT_ORGANISATION_ID, parsed.id);
      if (key && secretMatches(parsed.secret, key.secretSha256)) return false;
    }
    const made = await this.apiKeys.insert(DEFAULT_ORGANISATION_ID, DEMO_API_KEY_NAME, 'admin', null, createdBy);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${made.apiKey}\n`, { mode: 0o600 });
    fs.chmodSync(file, 0o600); // an older file keeps its mode through writeFileSync
    return true;
  }
}

function readKeyFile(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
}
