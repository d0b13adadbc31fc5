import { randomBytes, randomUUID } from 'crypto';

export interface AccessToken {
  token: string;
  jti: string;
  expiresAt: number;
}

export type TokenCheck = 'valid' | 'expired' | 'unknown';

/** Expired tokens are remembered this long so a late caller hears "expired", not "unknown". */
const FORGET_AFTER_MS = 60 * 60 * 1000;

/**
 * OAuth access tokens as MonCash mints them: JWT-shaped bearer strings that expire after a few
 * seconds (59 by default), which is what forces callers to re-authenticate mid-flow.
 */
export class AccessTokenBook {
  private readonly tokens = new Map<string, AccessToken>();

  issue(clientId: string, ttlSeconds: number, now: number): AccessToken {
    this.forgetOld(now);
    const jti = randomUUID();
    const expiresAt = now + ttlSeconds * 1000;
    const token = jwtShaped({ scope: ['read', 'write'], exp: Math.floor(expiresAt / 1000), authorities: ['ROLE_CLIENT'], jti, client_id: clientId });
    const issued = { token, jti, expiresAt };
    this.tokens.set(token, issued);
    return { ...issued };
  }

  check(token: string, now: number): TokenCheck {
    const found = this.tokens.get(token);
    if (!found) return 'unknown';
    return now < found.expiresAt ? 'valid' : 'expired';
  }

  clear(): void {
    this.tokens.clear();
  }

  /**
   * Forgets from the oldest (a Map keeps the order tokens were issued in) and stops at the first still
   * worth remembering, so issuing costs O(1) however many tokens were issued in the last hour. A token
   * issued with a longer lifetime holds back younger ones behind it for a while: they are kept a little
   * longer, and still answered 'expired' when they are.
   */
  private forgetOld(now: number): void {
    for (const [token, t] of this.tokens) {
      if (t.expiresAt + FORGET_AFTER_MS >= now) return;
      this.tokens.delete(token);
    }
  }
}

/** Looks like the real thing to a caller that logs or decodes it; the signature is random, never checked. */
function jwtShaped(payload: Record<string, unknown>): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}.${randomBytes(32).toString('base64url')}`;
}
