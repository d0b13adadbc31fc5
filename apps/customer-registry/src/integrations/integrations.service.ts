import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JSONCodec } from 'nats';
import {
  DomainError,
  ErrorCodes,
  GetIntegrationReply,
  IntegrationChangedNotice,
  IntegrationField,
  integrationPurpose,
  INTEGRATION_SYSTEMS,
  IntegrationSystem,
  Subjects,
} from '@limye/contracts';
import { JetStreamConnection, SecretKeyring } from '@limye/platform';
import { IntegrationSettingsRepository, StoredIntegration } from './integration-settings.repository';
import { PutIntegrationRequest } from './put-integration.request';

/** What the API shows of an organisation's settings for a system: options, and which secrets are set — never their values. */
export interface IntegrationView {
  system: IntegrationSystem;
  options: Record<string, string>;
  secretsSet: string[];
  updatedAt: string;
  updatedBy: string;
}

const toView = (s: StoredIntegration): IntegrationView => ({
  system: s.system,
  options: s.options,
  secretsSet: [...s.secretFields].sort(),
  updatedAt: s.updatedAt.toISOString(),
  updatedBy: s.updatedBy,
});

@Injectable()
export class IntegrationsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(IntegrationsService.name);

  constructor(
    private readonly repo: IntegrationSettingsRepository,
    private readonly keyring: SecretKeyring,
    private readonly jetstream: JetStreamConnection,
  ) {}

  /** After a key rotation, re-seal what older keys sealed, so the previous key can be dropped from env. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.keyring.configured) return;
    try {
      const resealed = await this.resealAll();
      if (resealed > 0) this.logger.log({ msg: 'integration secrets re-sealed with the current LIMYE_SECRETS_KEY', resealed });
    } catch (err) {
      // A value no listed key opens stays as it is (and its system answers 503 when used): say so, keep starting.
      this.logger.error({ msg: 're-sealing integration secrets failed', error: err instanceof Error ? err.message : String(err) });
    }
  }

  async resealAll(): Promise<number> {
    const box = this.keyring.box();
    let count = 0;
    for (;;) {
      const rows = await this.repo.sealedByOtherKey(box.currentKeyId, 100);
      if (rows.length === 0) return count;
      for (const row of rows) {
        const purpose = integrationPurpose(row.organisationId, row.system);
        await this.repo.reseal(row.organisationId, row.system, row.sealedSecrets, box.seal(box.open(row.sealedSecrets, purpose), purpose));
        count++;
      }
    }
  }

  async list(organisationId: string): Promise<IntegrationView[]> {
    return (await this.repo.list(organisationId)).map(toView);
  }

  async get(organisationId: string, system: IntegrationSystem): Promise<IntegrationView> {
    const stored = await this.repo.find(organisationId, system);
    if (!stored) throw new DomainError(ErrorCodes.integrationNotConfigured, `organisation ${organisationId} has no ${system} settings`, 404);
    return toView(stored);
  }

  /**
   * Replaces the options; secrets given are set, `null` clears one, absent ones keep their stored value (an admin
   * changing a URL need not type the secret again). The result must have every required field.
   */
  async put(organisationId: string, system: IntegrationSystem, req: PutIntegrationRequest, actor: string): Promise<{ view: IntegrationView; created: boolean }> {
    const spec = INTEGRATION_SYSTEMS[system].fields as Record<string, IntegrationField>;
    const problems: string[] = [];
    const options = checkFields(spec, req.options ?? {}, false, 'options', problems);
    const secretChanges = checkFields(spec, req.secrets ?? {}, true, 'secrets', problems);
    if (problems.length > 0) throw new DomainError(ErrorCodes.validationFailed, problems.slice(0, 10).join('; '), 400, { problems: problems.slice(0, 10) });
    const box = this.keyring.box();
    const purpose = integrationPurpose(organisationId, system);
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await this.repo.find(organisationId, system);
      const secrets: Record<string, string> = current ? JSON.parse(box.open(current.sealedSecrets, purpose)) : {};
      for (const [name, value] of Object.entries(secretChanges)) {
        if (value === null) delete secrets[name];
        else secrets[name] = value;
      }
      const missing = Object.entries(spec)
        .filter(([name, f]) => f.required && (f.secret ? secrets[name] : options[name]) === undefined)
        .map(([name, f]) => `${f.secret ? 'secrets' : 'options'}.${name}`);
      if (missing.length > 0) throw new DomainError(ErrorCodes.validationFailed, `${system} needs ${missing.join(', ')}`, 400, { missing });
      const saved = await this.repo.save(
        { organisationId, system, options: options as Record<string, string>, sealedSecrets: box.seal(JSON.stringify(secrets), purpose), secretFields: Object.keys(secrets), updatedBy: actor },
        current?.version ?? null,
      );
      if (saved) {
        this.announce({ organisationId, system });
        return { view: toView(saved), created: current === null };
      }
    }
    throw new DomainError(ErrorCodes.conflict, `${system} settings of organisation ${organisationId} kept changing while saving; send again`, 409);
  }

  async remove(organisationId: string, system: IntegrationSystem): Promise<void> {
    if (!(await this.repo.remove(organisationId, system))) {
      throw new DomainError(ErrorCodes.integrationNotConfigured, `organisation ${organisationId} has no ${system} settings`, 404);
    }
    this.announce({ organisationId, system });
  }

  /** For the service that talks to the system: options and the still sealed secrets. */
  async forService(organisationId: string, system: IntegrationSystem): Promise<GetIntegrationReply> {
    const stored = await this.repo.find(organisationId, system);
    if (!stored) return { configured: false };
    return { configured: true, options: stored.options, sealedSecrets: stored.sealedSecrets, updatedAt: stored.updatedAt.toISOString() };
  }

  private announce(notice: IntegrationChangedNotice): void {
    const nc = this.jetstream.connection;
    // Losing it costs at most the services' 30 s cache.
    if (nc && !nc.isClosed()) nc.publish(Subjects.registryIntegrationChanged, JSONCodec().encode(notice));
  }
}

/** Each field of `given` must be a known field of that kind (secret or not) and look right; what does not is added to `problems`. */
function checkFields(spec: Record<string, IntegrationField>, given: Record<string, unknown>, secret: boolean, where: string, problems: string[]): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [name, value] of Object.entries(given)) {
    const field = Object.prototype.hasOwnProperty.call(spec, name) ? spec[name] : undefined;
    if (!field || field.secret !== secret) {
      const known = Object.entries(spec).filter(([, f]) => f.secret === secret).map(([n]) => n);
      problems.push(`${where}.${name} is not ${secret ? 'a secret' : 'an option'} of this system (known: ${known.join(', ') || 'none'})`);
      continue;
    }
    if (value === null && secret) {
      out[name] = null;
      continue;
    }
    if (typeof value !== 'string' || value.trim() === '') {
      problems.push(`${where}.${name} must be a non-empty string${secret ? ' (or null to clear it)' : ''}`);
      continue;
    }
    if (value.length > field.maxLength) problems.push(`${where}.${name} must be at most ${field.maxLength} characters`);
    else if (field.pattern && !field.pattern.test(value)) problems.push(`${where}.${name} must be ${field.patternMessage ?? `like ${field.pattern}`}`);
    else if (field.allowed && !field.allowed.includes(value)) problems.push(`${where}.${name} must be one of ${field.allowed.join(', ')}`);
    else out[name] = value;
  }
  return out;
}
