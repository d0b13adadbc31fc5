import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DomainError, ErrorCodes } from '@limye/contracts';
import { fieldError } from '@limye/platform';
import type { Principal, Role } from '@limye/platform';
import { AccessChangeLog } from '../access-changes/access-change-log';
import { callerOf } from '../auth/own-organisation';
import { ApiKey } from './api-key.entity';
import { CreateApiKeyRequest } from './api-key.requests';
import { newApiKeySecret, parseApiKey, secretMatches } from './api-key-secret';
import { ApiKeyView, toApiKeyView } from './api-key.view';

/** Why an API key gets no token (each a platform error code). */
export type ApiKeyRefusal = typeof ErrorCodes.issuerInvalidApiKey | typeof ErrorCodes.issuerApiKeyRevoked | typeof ErrorCodes.issuerApiKeyExpired;

/**
 * API keys of an organisation: created (the secret shown once), listed (without it), revoked, and
 * exchanged for tokens. Owners and admins manage them; only an owner makes or revokes an owner's key.
 */
@Injectable()
export class ApiKeysService {
  constructor(
    @InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>,
    private readonly changes: AccessChangeLog,
  ) {}

  async create(caller: Principal | undefined, organisationId: string, req: CreateApiKeyRequest): Promise<ApiKeyView & { apiKey: string }> {
    const actor = callerOf(caller, organisationId);
    this.mayHandleRole(actor, req.role, 'create');
    const expiresAt = req.expiresAt === undefined ? null : new Date(req.expiresAt);
    if (expiresAt && expiresAt.getTime() <= Date.now()) throw fieldError('expiresAt', 'expiresAt must be in the future');
    const created = await this.insert(organisationId, req.name.trim(), req.role, expiresAt, actor.subject);
    await this.changes.record({ actor, organisationId, action: 'api_key.created', target: created.id, after: { name: created.name, role: created.role, expiresAt: created.expiresAt } });
    return created;
  }

  /** Makes a key (no checks of who asks: the callers above, or the demo seed). Its secret is in `apiKey`, once. */
  async insert(organisationId: string, name: string, role: Role, expiresAt: Date | null, createdBy: string): Promise<ApiKeyView & { apiKey: string }> {
    const { id, apiKey, secretSha256 } = newApiKeySecret();
    await this.keys.insert({ id, organisationId, name, role, secretSha256, expiresAt, createdBy });
    return { ...toApiKeyView(await this.keys.findOneByOrFail({ id })), apiKey };
  }

  async list(caller: Principal | undefined, organisationId: string): Promise<ApiKeyView[]> {
    callerOf(caller, organisationId);
    return (await this.keys.find({ where: { organisationId }, order: { createdAt: 'ASC', id: 'ASC' } })).map(toApiKeyView);
  }

  /** Revoked keys get no more tokens; tokens already issued run out within AUTH_TOKEN_TTL_SECONDS. Revoking again changes nothing. */
  async revoke(caller: Principal | undefined, organisationId: string, keyId: string): Promise<ApiKeyView> {
    const actor = callerOf(caller, organisationId);
    const key = await this.keys.findOneBy({ id: keyId, organisationId });
    if (!key) throw new DomainError(ErrorCodes.issuerApiKeyNotFound, `no API key ${keyId} in this organisation`, 404);
    this.mayHandleRole(actor, key.role, 'revoke');
    if (key.revokedAt) return toApiKeyView(key);
    await this.keys.createQueryBuilder().update().set({ revokedAt: () => 'now()' }).where('id = :id AND revoked_at IS NULL', { id: keyId }).execute();
    const revoked = await this.keys.findOneByOrFail({ id: keyId });
    await this.changes.record({ actor, organisationId, action: 'api_key.revoked', target: keyId, before: { revokedAt: null }, after: { revokedAt: revoked.revokedAt } });
    return toApiKeyView(revoked);
  }

  /** The key this secret belongs to, if it may have a token now (its last_used_at set), else why not. */
  async authenticate(apiKey: string): Promise<{ key: ApiKey } | { refused: ApiKeyRefusal }> {
    const parsed = parseApiKey(apiKey);
    if (!parsed) return { refused: ErrorCodes.issuerInvalidApiKey };
    const key = await this.keys.findOneBy({ id: parsed.id });
    if (!key || !secretMatches(parsed.secret, key.secretSha256)) return { refused: ErrorCodes.issuerInvalidApiKey };
    if (key.revokedAt) return { refused: ErrorCodes.issuerApiKeyRevoked };
    if (key.expiresAt && new Date(key.expiresAt).getTime() <= Date.now()) return { refused: ErrorCodes.issuerApiKeyExpired };
    await this.keys.update({ id: key.id }, { lastUsedAt: new Date() });
    return { key };
  }

  /** A still usable key of the organisation with this name, if any (the demo seed). */
  async findUsable(organisationId: string, id: string): Promise<ApiKey | null> {
    const key = await this.keys.findOneBy({ id, organisationId });
    if (!key || key.revokedAt || (key.expiresAt && new Date(key.expiresAt).getTime() <= Date.now())) return null;
    return key;
  }

  private mayHandleRole(actor: Principal, role: Role, what: 'create' | 'revoke'): void {
    if (role === 'owner' && actor.role !== 'owner') throw new DomainError(ErrorCodes.forbidden, `only an owner may ${what} an API key with the owner role`, 403);
  }
}
