import { Injectable } from '@nestjs/common';
import { SimulatorsEnv } from '../simulators.env';
import { VendorReplyError } from '../common/vendor-reply.error';
import { AccessTokenBook } from './domain/access-token-book';
import { moncashError } from './domain/moncash-wire';
import { MoncashConfigService } from './moncash-config.service';
import { secretEquals } from '@limye/platform';

export interface MoncashTokenResponse {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  scope: 'read,write';
  jti: string;
}

/** MonCash's OAuth server: client credentials in, short-lived bearer tokens out. */
@Injectable()
export class MoncashAuthService {
  private readonly tokens = new AccessTokenBook();

  constructor(
    private readonly env: SimulatorsEnv,
    private readonly config: MoncashConfigService,
  ) {}

  issueToken(authorization: string | undefined, grantType: unknown): MoncashTokenResponse {
    const credentials = parseBasic(authorization);
    if (!credentials) {
      throw new VendorReplyError(401, { error: 'unauthorized', error_description: 'Full authentication is required to access this resource' });
    }
    const ok = secretEquals(credentials.clientId, this.env.MONCASH_CLIENT_ID) && secretEquals(credentials.secret, this.env.MONCASH_CLIENT_SECRET);
    if (!ok) throw new VendorReplyError(401, { error: 'unauthorized', error_description: 'Bad credentials' });
    if (grantType === undefined || grantType === '') {
      throw new VendorReplyError(400, { error: 'invalid_request', error_description: 'Missing grant type' });
    }
    if (grantType !== 'client_credentials') {
      throw new VendorReplyError(400, { error: 'unsupported_grant_type', error_description: `Unsupported grant type: ${String(grantType)}` });
    }
    const ttl = this.config.current().tokenTtlSeconds;
    const issued = this.tokens.issue(credentials.clientId, ttl, Date.now());
    return { access_token: issued.token, token_type: 'bearer', expires_in: ttl, scope: 'read,write', jti: issued.jti };
  }

  /** Throws MonCash's 401 envelope unless the request carries a live bearer token. */
  requireBearer(authorization: string | undefined, path: string): void {
    const now = Date.now();
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    const check = token ? this.tokens.check(token, now) : 'unknown';
    if (check === 'valid') return;
    const message = !token ? 'Full authentication is required to access this resource' : check === 'expired' ? 'Access token expired' : 'Invalid access token';
    throw new VendorReplyError(401, moncashError(path, 401, message, now));
  }

  reset(): void {
    this.tokens.clear();
  }
}

function parseBasic(header: string | undefined): { clientId: string; secret: string } | null {
  const encoded = /^Basic\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (!encoded) return null;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { clientId: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}
