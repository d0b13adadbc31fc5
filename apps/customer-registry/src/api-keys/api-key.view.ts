import type { Role } from '@limye/platform';
import { ApiKey } from './api-key.entity';
import { apiKeyPrefix } from './api-key-secret';

/** An API key as lists show it: never its secret, never its hash. */
export interface ApiKeyView {
  id: string;
  /** `lky_<id>`: the start of the key, to recognise it. */
  prefix: string;
  name: string;
  organisationId: string;
  role: Role;
  createdAt: string;
  createdBy: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export function toApiKeyView(k: ApiKey): ApiKeyView {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    id: k.id, prefix: apiKeyPrefix(k.id), name: k.name, organisationId: k.organisationId, role: k.role,
    createdAt: new Date(k.createdAt).toISOString(), createdBy: k.createdBy,
    expiresAt: iso(k.expiresAt), lastUsedAt: iso(k.lastUsedAt), revokedAt: iso(k.revokedAt),
  };
}
