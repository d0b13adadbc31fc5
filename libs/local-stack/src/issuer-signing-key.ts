import { generateKeyPairSync } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/**
 * The private key customer-registry's built-in issuer signs access tokens with, for a stack started by the
 * launcher (npm start, tests, benchmarks) when AUTH_SIGNING_KEY is not set: made once (EC P-256, PKCS#8 PEM)
 * and kept in `<dataDir>/auth/signing-key.pem`, mode 0600, so tokens stay valid across restarts. Only
 * customer-registry is given it; the other services verify against its JWKS.
 */
export function issuerSigningKey(dataDir: string): string {
  const file = issuerSigningKeyFile(dataDir);
  try {
    const kept = fs.readFileSync(file, 'utf8');
    if (kept.includes('-----BEGIN PRIVATE KEY-----')) return kept;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // Written aside and renamed: a launcher stopped halfway leaves no half key to read next time.
  const partial = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(partial, pem, { mode: 0o600 });
  fs.renameSync(partial, file);
  return pem;
}

export function issuerSigningKeyFile(dataDir: string): string {
  return path.join(dataDir, 'auth', 'signing-key.pem');
}

/** Where `npm start`'s demo seed keeps the demo API key (customer-registry writes it, mode 0600). */
export function demoApiKeyFile(dataDir: string): string {
  return path.join(dataDir, 'auth', 'demo-api-key');
}
