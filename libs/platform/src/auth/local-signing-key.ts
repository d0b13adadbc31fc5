import { generateKeyPairSync } from 'crypto';
import { importJWK, JWK, SignJWT } from 'jose';
import type { Role } from './roles';

/**
 * A signing key made on the spot, for a process that starts its own stack and must call its operator routes
 * (the benchmarks): the services get `localJwksEnv(key)` (AUTH_JWKS) and trust what `signLocalAccessToken`
 * signs. Never for a deployment: there the tokens come from customer-registry's issuer or an OIDC provider.
 */
export function newLocalSigningKey(kid = 'limye-local'): JWK {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { ...(privateKey.export({ format: 'jwk' }) as JWK), kid, alg: 'ES256', use: 'sig' };
}

/** The env that makes a service trust the key: AUTH_JWKS with its public half. */
export function localJwksEnv(privateJwk: JWK): { AUTH_JWKS: string } {
  const { d: _private, ...publicJwk } = privateJwk;
  return { AUTH_JWKS: JSON.stringify({ keys: [publicJwk] }) };
}

export interface LocalAccessTokenClaims {
  subject: string;
  organisationId: string;
  role: Role;
  actorKind?: 'user' | 'api_key';
  expiresInS?: number;
  issuer?: string;
  audience?: string;
}

/** An access token shaped like the issuer's (ES256, kid, iss, aud, iat, exp, jti, sub, org, role, act). */
export async function signLocalAccessToken(privateJwk: JWK, claims: LocalAccessTokenClaims): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ org: claims.organisationId, role: claims.role, act: claims.actorKind ?? 'user' })
    .setProtectedHeader({ alg: 'ES256', kid: privateJwk.kid, typ: 'JWT' })
    .setIssuer(claims.issuer ?? 'limye')
    .setAudience(claims.audience ?? 'limye-api')
    .setSubject(claims.subject)
    .setIssuedAt(now)
    .setJti(`${now}-${Math.random().toString(36).slice(2)}`)
    .setExpirationTime(now + (claims.expiresInS ?? 3600))
    .sign(await importJWK(privateJwk, 'ES256'));
}
