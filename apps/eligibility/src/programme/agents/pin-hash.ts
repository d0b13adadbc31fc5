import { randomBytes, scrypt, ScryptOptions, timingSafeEqual } from 'crypto';

/**
 * Agent PINs are stored as scrypt hashes with a random salt: `scrypt$N$r$p$salt$hash` (base64). A 4–6
 * digit PIN can be brute-forced offline from any hash, so the real protection is the lockout after
 * AGENT_PIN_MAX_ATTEMPTS wrong tries; the hash keeps PINs out of reach of anyone reading the table.
 */
// 2^12: ~7 ms and 4 MiB per check instead of ~28 ms and 16 MiB at 2^14, which showed in the USSD p99 (see
// the README's USSD benchmark). A 4-6 digit PIN falls to an offline search at any cost setting anyway.
// Stored hashes carry their own N, so older ones still verify.
const N = 4096;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function scryptAsync(secret: string, salt: Buffer, keyLength: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(secret, salt, keyLength, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(pin, salt, KEY_LENGTH, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function pinMatches(pin: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4], 'base64');
  const expected = Buffer.from(parts[5], 'base64');
  if (!Number.isInteger(n) || !Number.isInteger(r) || !Number.isInteger(p) || expected.length === 0) return false;
  const key = await scryptAsync(pin, salt, expected.length, { N: n, r, p, maxmem: 256 * n * r });
  return timingSafeEqual(key, expected);
}
