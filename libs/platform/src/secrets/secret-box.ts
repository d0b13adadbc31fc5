import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'crypto';

/** A sealed value could not be opened: wrong key ring, tampered text, or sealed for another purpose. */
export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

interface RingKey {
  id: string;
  key: Buffer;
}

const VERSION = 'v1';

/**
 * Secrets at rest: AES-256-GCM (Node's crypto) with a 96-bit random IV per value and the purpose bound as
 * additional data (e.g. `organisation:system`), so a sealed value copied to another organisation's row does not
 * open. Sealed text is `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url), `keyId` being the first 8 bytes of the
 * key's SHA-256: the ring finds the key that sealed a value, which is what makes rotation possible — seal with
 * the current key, open with the current or any previous one, re-seal what an old key sealed.
 */
export class SecretBox {
  private readonly current: RingKey;
  private readonly byId: Map<string, RingKey>;

  constructor(currentKey: Buffer, previousKeys: Buffer[] = []) {
    const ring = [currentKey, ...previousKeys].map((key) => {
      if (key.length !== 32) throw new SecretBoxError('a secrets key must be 32 bytes (AES-256)');
      return { id: createHash('sha256').update(key).digest().subarray(0, 8).toString('base64url'), key };
    });
    this.current = ring[0];
    this.byId = new Map(ring.map((k) => [k.id, k]));
  }

  /**
   * From LIMYE_SECRETS_KEY (32 bytes as base64 or 64 hex digits) and LIMYE_SECRETS_KEYS_PREVIOUS (the same,
   * comma-separated: keys being rotated out, still able to open what they sealed).
   */
  static fromEnv(current: string, previous = ''): SecretBox {
    const parse = (text: string, name: string): Buffer => {
      const t = text.trim();
      const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
      if (key.length !== 32) throw new SecretBoxError(`${name} must be 32 bytes as base64 or 64 hex digits (e.g. openssl rand -base64 32)`);
      return key;
    };
    const older = previous
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => parse(s, 'LIMYE_SECRETS_KEYS_PREVIOUS'));
    return new SecretBox(parse(current, 'LIMYE_SECRETS_KEY'), older);
  }

  static generateKey(): string {
    return randomBytes(32).toString('base64');
  }

  /** The id of the key that seals now. */
  get currentKeyId(): string {
    return this.current.id;
  }

  seal(plaintext: string, purpose: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    cipher.setAAD(Buffer.from(purpose, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, this.current.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  open(sealed: string, purpose: string): string {
    const parts = sealed.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION) throw new SecretBoxError('not a sealed value of this version');
    const ring = this.byId.get(parts[1]);
    if (!ring) throw new SecretBoxError(`sealed with key ${parts[1]}, which is neither LIMYE_SECRETS_KEY nor in LIMYE_SECRETS_KEYS_PREVIOUS`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', ring.key, Buffer.from(parts[2], 'base64url'));
      decipher.setAAD(Buffer.from(purpose, 'utf8'));
      decipher.setAuthTag(Buffer.from(parts[3], 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(parts[4], 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError('sealed value does not open: tampered, or sealed for another purpose');
    }
  }

  /** The id of the key that sealed `sealed`; a value sealed by another than the current key wants re-sealing. */
  keyIdOf(sealed: string): string | undefined {
    const parts = sealed.split('.');
    return parts.length === 5 ? parts[1] : undefined;
  }

  needsReseal(sealed: string): boolean {
    return this.keyIdOf(sealed) !== this.current.id;
  }
}
