import { randomBytes, scrypt, ScryptOptions, timingSafeEqual } from 'crypto';

/**
 * Secrets a person types (operator passwords, agent PINs) stored as scrypt hashes, a memory-hard KDF from
 * Node's own crypto, with a random 16-byte salt per hash: `scrypt$N$r$p$salt$hash` (base64). Each hash
 * carries its own cost parameters, so raising them later leaves older hashes verifiable (and
 * `scryptNeedsRehash` says which to hash again at the next correct sign-in). scrypt runs on libuv's thread
 * pool (the async form), never on the event loop.
 */
export interface ScryptCost {
  /** CPU/memory cost, a power of two; memory is 128 · N · r bytes. */
  N: number;
  r: number;
  p: number;
}

const SALT_BYTES = 16;
const KEY_BYTES = 32;

function scryptAsync(secret: string, salt: Buffer, keyLength: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(secret, salt, keyLength, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

/** Node refuses above 32 MiB by default; allow what the parameters need, with room. */
function maxmem(cost: ScryptCost): number {
  return 256 * cost.N * cost.r;
}

export async function scryptHash(secret: string, cost: ScryptCost): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await scryptAsync(secret, salt, KEY_BYTES, { ...cost, maxmem: maxmem(cost) });
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** The cost parameters of a stored hash, or null when it is not one of ours. */
export function scryptCostOf(stored: string): ScryptCost | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0)) return null;
  return { N, r, p };
}

export async function scryptMatches(secret: string, stored: string): Promise<boolean> {
  const cost = scryptCostOf(stored);
  if (!cost) return false;
  const parts = stored.split('$');
  const salt = Buffer.from(parts[4], 'base64');
  const expected = Buffer.from(parts[5], 'base64');
  if (expected.length === 0) return false;
  const key = await scryptAsync(secret, salt, expected.length, { ...cost, maxmem: maxmem(cost) });
  return timingSafeEqual(key, expected);
}

/** True when the stored hash is cheaper than `wanted` (hash the secret again after it was verified). */
export function scryptNeedsRehash(stored: string, wanted: ScryptCost): boolean {
  const cost = scryptCostOf(stored);
  return !cost || cost.N < wanted.N || cost.r < wanted.r || cost.p < wanted.p;
}
