import { SecretBox, SecretBoxError } from './secret-box';

describe('SecretBox', () => {
  const k1 = SecretBox.generateKey();
  const k2 = SecretBox.generateKey();

  it('opens what it sealed, for the same purpose only', () => {
    const box = SecretBox.fromEnv(k1);
    const sealed = box.seal('{"clientSecret":"s3cret"}', 'org-a:moncash');
    expect(sealed).not.toContain('s3cret');
    expect(box.open(sealed, 'org-a:moncash')).toBe('{"clientSecret":"s3cret"}');
    expect(() => box.open(sealed, 'org-b:moncash')).toThrow(SecretBoxError);
  });

  it('seals the same text differently every time (random IV)', () => {
    const box = SecretBox.fromEnv(k1);
    expect(box.seal('x', 'p')).not.toBe(box.seal('x', 'p'));
  });

  it('refuses a tampered value', () => {
    const box = SecretBox.fromEnv(k1);
    const parts = box.seal('hello world', 'p').split('.');
    const body = Buffer.from(parts[4], 'base64url');
    body[0] ^= 1;
    parts[4] = body.toString('base64url');
    expect(() => box.open(parts.join('.'), 'p')).toThrow(/does not open/);
  });

  it('rotates: a new key opens nothing of the old one unless the old one is listed as previous', () => {
    const old = SecretBox.fromEnv(k1);
    const sealed = old.seal('v', 'p');
    expect(() => SecretBox.fromEnv(k2).open(sealed, 'p')).toThrow(/neither LIMYE_SECRETS_KEY nor/);
    const rotated = SecretBox.fromEnv(k2, ` ${k1} `);
    expect(rotated.open(sealed, 'p')).toBe('v');
    expect(rotated.needsReseal(sealed)).toBe(true);
    const resealed = rotated.seal('v', 'p');
    expect(rotated.needsReseal(resealed)).toBe(false);
    expect(rotated.keyIdOf(resealed)).toBe(rotated.currentKeyId);
  });

  it('takes 64 hex digits as well as base64, and names a bad key', () => {
    const hex = Buffer.from(k1, 'base64').toString('hex');
    expect(SecretBox.fromEnv(hex).currentKeyId).toBe(SecretBox.fromEnv(k1).currentKeyId);
    expect(() => SecretBox.fromEnv('short')).toThrow(/LIMYE_SECRETS_KEY must be 32 bytes/);
    expect(() => SecretBox.fromEnv(k1, 'nope')).toThrow(/LIMYE_SECRETS_KEYS_PREVIOUS must be 32 bytes/);
  });
});
