import { createLocalJWKSet, createRemoteJWKSet, errors, JSONWebKeySet, JWTPayload, jwtVerify, JWTVerifyGetKey } from 'jose';
import type { BaseServiceEnv } from '../config/env';
import type { Principal } from './principal';
import { isRole } from './roles';

/**
 * Only asymmetric signatures: a verifier that also took HS256 could be fooled with a token signed with the
 * public key as an HMAC secret, and `none` is no signature at all.
 */
export const ACCEPTED_ALGORITHMS = ['RS256', 'ES256', 'EdDSA'] as const;

/** Seconds of clock difference tolerated between the issuer and this service (exp, nbf, iat). */
export const CLOCK_TOLERANCE_S = 30;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The token was read and refused (a 401): the reason is for the caller and the log, never the token. */
export class TokenRejectedError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'TokenRejectedError';
  }
}

/** The issuer's keys could not be had (JWKS unreachable, not JSON, timed out): a 503, the caller tries again. */
export class KeysUnavailableError extends Error {
  constructor(override readonly cause: unknown) {
    super(`the issuer's keys (JWKS) could not be fetched: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'KeysUnavailableError';
  }
}

export interface TokenVerifierOptions {
  issuer: string;
  audience: string;
  /** The public keys (inline) or where to fetch them (refetched on an unknown kid, at most every 30 s). */
  keys: JSONWebKeySet | URL;
  /** How long one JWKS fetch may take (default 3 s). */
  fetchTimeoutMs?: number;
}

/** Where the keys come from, per env: AUTH_JWKS when set, else AUTH_JWKS_URL, else customer-registry's own. */
export function tokenVerifierOptions(env: BaseServiceEnv): TokenVerifierOptions {
  const keys = env.AUTH_JWKS !== ''
    ? (JSON.parse(env.AUTH_JWKS) as JSONWebKeySet)
    : new URL(env.AUTH_JWKS_URL || `http://127.0.0.1:${env.CUSTOMER_REGISTRY_PORT}/.well-known/jwks.json`);
  return { issuer: env.AUTH_ISSUER, audience: env.AUTH_AUDIENCE, keys };
}

/**
 * Verifies a bearer access token (a JWT) and answers who it names. Written on `jose`: signature against
 * the issuer's JWKS, alg among ACCEPTED_ALGORITHMS, exp/iss/aud, then Limye's own claims (sub, org, role).
 */
export class TokenVerifier {
  private readonly getKey: JWTVerifyGetKey;

  constructor(private readonly opts: TokenVerifierOptions) {
    const keySet = opts.keys instanceof URL
      ? createRemoteJWKSet(opts.keys, { timeoutDuration: opts.fetchTimeoutMs ?? 3000, cooldownDuration: 30_000 })
      : createLocalJWKSet(opts.keys);
    // A failure to *get* the keys is told apart from a token no key matches: the first is a 503, the second a 401.
    this.getKey = async (header, token) => {
      try {
        return await keySet(header, token);
      } catch (err) {
        if (isKeyMismatch(err)) throw err;
        throw new KeysUnavailableError(err);
      }
    };
  }

  /** The principal the token names; throws TokenRejectedError (401) or KeysUnavailableError (503). */
  async verify(token: string): Promise<Principal> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.getKey, {
        issuer: this.opts.issuer,
        audience: this.opts.audience,
        algorithms: [...ACCEPTED_ALGORITHMS],
        clockTolerance: CLOCK_TOLERANCE_S,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (err) {
      if (err instanceof KeysUnavailableError) throw err;
      throw new TokenRejectedError(rejectionReason(err));
    }
    return principalOf(payload);
  }
}

/** Limye's claims on top of the standard ones: sub, org (a uuid), role (one of ROLES), act (user by default). */
export function principalOf(payload: JWTPayload): Principal {
  const { sub, org, role, act } = payload as JWTPayload & { org?: unknown; role?: unknown; act?: unknown };
  if (typeof sub !== 'string' || sub === '') throw new TokenRejectedError('the token has no subject (sub)');
  if (typeof org !== 'string' || !UUID.test(org)) throw new TokenRejectedError('the token has no organisation (org, a uuid)');
  if (!isRole(role)) throw new TokenRejectedError('the token has no known role (role)');
  if (act !== undefined && act !== 'user' && act !== 'api_key') throw new TokenRejectedError("the token's act is neither user nor api_key");
  return { subject: sub, organisationId: org.toLowerCase(), role, actorKind: act ?? 'user' };
}

function isKeyMismatch(err: unknown): boolean {
  return err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWKSMultipleMatchingKeys
    || err instanceof errors.JOSENotSupported || err instanceof errors.JOSEAlgNotAllowed || err instanceof errors.JWSInvalid;
}

/** Words for the caller; jose's own messages name the failed check without echoing the token. */
function rejectionReason(err: unknown): string {
  if (err instanceof TokenRejectedError) return err.message;
  if (err instanceof errors.JWTExpired) return 'the token has expired';
  if (err instanceof errors.JWTClaimValidationFailed) return `the token's ${err.claim} claim is wrong or missing`;
  if (err instanceof errors.JOSEAlgNotAllowed) return `the token's alg is not accepted (only ${ACCEPTED_ALGORITHMS.join(', ')})`;
  if (err instanceof errors.JWKSNoMatchingKey) return "no key of the issuer matches the token's kid";
  if (err instanceof errors.JWSSignatureVerificationFailed) return "the token's signature is not valid";
  if (err instanceof errors.JWTInvalid || err instanceof errors.JWSInvalid) return 'the token is not a well-formed JWT';
  return 'the token could not be verified';
}
