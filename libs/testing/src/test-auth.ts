import { importJWK, JWK, JWTPayload, SignJWT } from 'jose';
import { DEFAULT_ORGANISATION_ID, Role } from '@limye/platform';
import { testSigningJwk } from './test-signing-key';

export { testSigningJwk };

/** The issuer and audience the services expect by default (AUTH_ISSUER, AUTH_AUDIENCE). */
export const TEST_ISSUER = 'limye';
export const TEST_AUDIENCE = 'limye-api';

/** The public half, as the JWKS services get in AUTH_JWKS. */
export function testJwks(): { keys: JWK[] } {
  const { d: _private, ...publicJwk } = testSigningJwk();
  return { keys: [publicJwk] };
}

/** The env that makes a service trust testToken()'s tokens: every test service gets it (startServiceInProcess, startTestStack). */
export function testAuthEnv(): Record<string, string> {
  return { AUTH_JWKS: JSON.stringify(testJwks()) };
}

/**
 * The env that makes customer-registry's built-in issuer sign with the run's key (its kid is the key's RFC 7638
 * thumbprint, as the issuer's are): its tokens are then trusted by every test service, like testToken()'s.
 * A private key: startTestStack gives it to customer-registry only.
 */
export function testIssuerEnv(): Record<string, string> {
  return { AUTH_SIGNING_KEY: JSON.stringify(testSigningJwk()) };
}

export interface TestTokenOptions {
  /** Default DEFAULT_ORGANISATION_ID (the organisation of everything configured by env). */
  organisationId?: string;
  /** Default owner. Any string, to test a role the services do not know. */
  role?: Role | string;
  /** The token's sub; default 'test-user'. */
  subject?: string;
  actorKind?: 'user' | 'api_key';
  /** Seconds from now, or a jose time span ('2h'); negative seconds give an expired token. Default 1 h. */
  expiresIn?: number | string;
  issuer?: string;
  audience?: string;
  /** Claims set over (or, with undefined, taken out of) the usual ones: `{ org: undefined }` has no org. */
  claims?: Record<string, unknown>;
  /** The kid in the header; default the run's key's. */
  kid?: string;
}

/** A signed access token as customer-registry's issuer makes them (ES256, kid, iss, aud, exp, sub, org, role, act). */
export async function testToken(opts: TestTokenOptions = {}): Promise<string> {
  const jwk = testSigningJwk();
  const key = await importJWK(jwk, 'ES256');
  const now = Math.floor(Date.now() / 1000);
  const exp = typeof opts.expiresIn === 'number' ? now + opts.expiresIn : opts.expiresIn ?? '1h';
  const claims: JWTPayload = {
    org: opts.organisationId ?? DEFAULT_ORGANISATION_ID,
    role: opts.role ?? 'owner',
    act: opts.actorKind ?? 'user',
  };
  for (const [name, value] of Object.entries(opts.claims ?? {})) {
    if (value === undefined) delete claims[name];
    else claims[name] = value;
  }
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: opts.kid ?? jwk.kid, typ: 'JWT' })
    .setIssuer(opts.issuer ?? TEST_ISSUER)
    .setAudience(opts.audience ?? TEST_AUDIENCE)
    .setIssuedAt(now)
    .setJti(`test-${now}-${Math.random().toString(36).slice(2)}`)
    .setExpirationTime(exp);
  if (opts.subject !== '') jwt.setSubject(opts.subject ?? 'test-user');
  return jwt.sign(key);
}

/** `{ authorization: 'Bearer …' }` for a test token; what http() sends by default is this for an owner. */
export async function authHeader(opts: TestTokenOptions = {}): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${await testToken(opts)}` };
}

let defaultOwnerToken: { token: string; until: number } | undefined;

/** The owner token of DEFAULT_ORGANISATION_ID that http() sends when the caller gives no authorization header. */
export async function defaultTestAuthorization(): Promise<string> {
  if (!defaultOwnerToken || defaultOwnerToken.until < Date.now()) {
    defaultOwnerToken = { token: await testToken({ expiresIn: 6 * 3600 }), until: Date.now() + 5 * 3600_000 };
  }
  return `Bearer ${defaultOwnerToken.token}`;
}
