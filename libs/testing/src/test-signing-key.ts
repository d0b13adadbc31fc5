import { createHash, generateKeyPairSync } from 'crypto';
import type { JWK } from 'jose';

/**
 * The signing key of a test run: made once (jest's global setup, or the first test process that asks) and
 * handed to every worker and child process through this variable, so all of them trust the same key.
 */
const PRIVATE_KEY_ENV = 'LIMYE_TEST_AUTH_PRIVATE_JWK';

/** The run's private key as a JWK (ES256), made on first use. */
export function testSigningJwk(): JWK {
  const existing = process.env[PRIVATE_KEY_ENV];
  if (existing) return JSON.parse(existing) as JWK;
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const exported = privateKey.export({ format: 'jwk' }) as JWK;
  // kid: the RFC 7638 thumbprint, as customer-registry's issuer names its keys, so a registry signing with
  // this key (testIssuerEnv) makes tokens the services trust under the same kid as testToken()'s.
  const canonical = JSON.stringify({ crv: exported.crv, kty: exported.kty, x: exported.x, y: exported.y });
  const kid = createHash('sha256').update(canonical).digest('base64url');
  const jwk = { ...exported, kid, alg: 'ES256', use: 'sig' };
  process.env[PRIVATE_KEY_ENV] = JSON.stringify(jwk);
  return jwk;
}

