import { generateKeyPairSync } from 'crypto';
import type { JWK } from 'jose';

/**
 * The signing key of a test run: made once (jest's global setup, or the first test process that asks) and
 * handed to every worker and child process through this variable, so all of them trust the same key.
 */
const PRIVATE_KEY_ENV = 'LIMYE_TEST_AUTH_PRIVATE_JWK';
const TEST_KID = 'limye-test-key';

/** The run's private key as a JWK (ES256), made on first use. */
export function testSigningJwk(): JWK {
  const existing = process.env[PRIVATE_KEY_ENV];
  if (existing) return JSON.parse(existing) as JWK;
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = { ...(privateKey.export({ format: 'jwk' }) as JWK), kid: TEST_KID, alg: 'ES256', use: 'sig' };
  process.env[PRIVATE_KEY_ENV] = JSON.stringify(jwk);
  return jwk;
}

