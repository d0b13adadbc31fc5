import { generateKeyPairSync, randomUUID } from 'crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { SignJWT } from 'jose';
import { Principal, SERVICE_ENV } from '@limye/platform';
import { CustomerRegistryEnv } from '../config/customer-registry.env';
import { loadSigningKeys, PublishedKey, SigningKeySet } from './signing-keys';

export const SIGNING_KEYS = Symbol('SIGNING_KEYS');

/** The key set from env; without AUTH_SIGNING_KEY (never in production: the env check refuses) a key made now. */
export async function signingKeysFromEnv(env: CustomerRegistryEnv): Promise<SigningKeySet> {
  if (env.AUTH_SIGNING_KEY.trim() !== '') return loadSigningKeys(env.AUTH_SIGNING_KEY, env.AUTH_SIGNING_KEYS_PREVIOUS);
  new Logger('TokenSigner').warn({ msg: 'AUTH_SIGNING_KEY is not set: signing with a key made at start; its tokens stop verifying when this service restarts' });
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  return loadSigningKeys(pem, env.AUTH_SIGNING_KEYS_PREVIOUS);
}

export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
}

/** Signs access tokens (claims: iss, aud, exp, iat, jti, sub, org, role, act; header alg, kid) and lists the JWKS. */
@Injectable()
export class TokenSigner {
  constructor(
    @Inject(SIGNING_KEYS) private readonly keys: SigningKeySet,
    @Inject(SERVICE_ENV) private readonly env: CustomerRegistryEnv,
  ) {}

  /** A token for `principal`, valid AUTH_TOKEN_TTL_SECONDS or until `notAfter` (an API key's expiry), whichever is first. */
  async sign(principal: Principal, notAfter?: Date | null): Promise<IssuedToken> {
    const now = Math.floor(Date.now() / 1000);
    const until = notAfter ? Math.floor(notAfter.getTime() / 1000) : Infinity;
    const expiresIn = Math.max(1, Math.min(this.env.AUTH_TOKEN_TTL_SECONDS, until - now));
    const { kid, alg, privateKey } = this.keys.signing;
    const accessToken = await new SignJWT({ org: principal.organisationId, role: principal.role, act: principal.actorKind })
      .setProtectedHeader({ alg, kid, typ: 'JWT' })
      .setIssuer(this.env.AUTH_ISSUER)
      .setAudience(this.env.AUTH_AUDIENCE)
      .setSubject(principal.subject)
      .setIssuedAt(now)
      .setExpirationTime(now + expiresIn)
      .setJti(randomUUID())
      .sign(privateKey);
    return { accessToken, expiresIn };
  }

  jwks(): { keys: PublishedKey['jwk'][] } {
    return { keys: this.keys.published.map((k) => k.jwk) };
  }
}
