import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'crypto';

/**
 * An API key is `lky_<key id, 32 hex digits>_<secret, 32 random bytes in base64url>`: the id finds the row,
 * the secret proves the holder. Only SHA-256 of the secret is stored. A slow password KDF (scrypt) protects
 * secrets people choose, which an attacker with the table can guess; a 256-bit random secret cannot be
 * guessed at any hash speed, so one SHA-256 is as safe and costs nothing per token request.
 */
export const API_KEY_PREFIX = 'lky_';
const FORMAT = /^lky_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

export interface NewApiKeySecret {
  id: string;
  /** The whole key, shown once. */
  apiKey: string;
  secretSha256: Buffer;
}

export function newApiKeySecret(): NewApiKeySecret {
  const id = randomUUID();
  const secret = randomBytes(32).toString('base64url');
  return { id, apiKey: `${API_KEY_PREFIX}${id.replace(/-/g, '')}_${secret}`, secretSha256: sha256(secret) };
}

/** The key's id and secret, or null when it is not shaped like one of our keys. */
export function parseApiKey(apiKey: string): { id: string; secret: string } | null {
  const m = FORMAT.exec(apiKey);
  if (!m) return null;
  const hex = m[1];
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { id, secret: m[2] };
}

/** What lists show to recognise a key: `lky_<id>` without the secret. */
export function apiKeyPrefix(id: string): string {
  return `${API_KEY_PREFIX}${id.replace(/-/g, '')}`;
}

export function secretMatches(secret: string, stored: Buffer): boolean {
  const given = sha256(secret);
  return stored.length === given.length && timingSafeEqual(given, stored);
}

function sha256(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}
