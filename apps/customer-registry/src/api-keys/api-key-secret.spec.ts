import { apiKeyPrefix, newApiKeySecret, parseApiKey, secretMatches } from './api-key-secret';

describe('API key secrets', () => {
  it('are lky_<id>_<32 random bytes>, parse back to their id and match only their own secret', () => {
    const a = newApiKeySecret();
    const b = newApiKeySecret();
    expect(a.apiKey).toMatch(/^lky_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    expect(a.apiKey.startsWith(`${apiKeyPrefix(a.id)}_`)).toBe(true);
    const parsed = parseApiKey(a.apiKey);
    expect(parsed?.id).toBe(a.id);
    expect(secretMatches(parsed!.secret, a.secretSha256)).toBe(true);
    expect(secretMatches(parseApiKey(b.apiKey)!.secret, a.secretSha256)).toBe(false);
    expect(a.secretSha256).toHaveLength(32);
    expect(a.secretSha256.toString('hex')).not.toContain(Buffer.from(parsed!.secret).toString('hex'));
  });

  it('refuse anything not shaped like a key', () => {
    const { apiKey } = newApiKeySecret();
    for (const bad of ['', 'lky_', apiKey.slice(0, -1), `${apiKey}x`, apiKey.replace('lky_', 'lkx_'), apiKey.toUpperCase(), ` ${apiKey}`]) {
      expect(parseApiKey(bad)).toBeNull();
    }
  });
});
