import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ErrorCodes } from '@limye/contracts';
import type { Principal } from '@limye/platform';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { Membership } from '../operators/membership.entity';
import { normaliseEmail, OperatorsService, signInLocked } from '../operators/operators.service';
import { burnPasswordCheck, passwordMatches, passwordNeedsRehash, prepareBurnPasswordCheck } from '../operators/password';
import { SignInLockout } from '../operators/sign-in-lockout';
import { OperatorUser } from '../operators/operator-user.entity';
import { oauthError, TokenRequest } from './token-request';
import { TokenSigner } from './token-signer';

/** The body of a token answer (RFC 6749 §5.1). */
export interface TokenAnswer {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

const WRONG_CREDENTIALS = 'e-mail or password is wrong';

/**
 * Exchanges a password or an API key for an access token. A wrong password and an unknown e-mail get the
 * same answer after the same work (one scrypt check) and count toward the same lockout, so neither the
 * answer nor its timing says whether an e-mail exists. What is said after a correct password (disabled,
 * no membership) is said only to someone who knows it.
 */
@Injectable()
export class TokenService implements OnApplicationBootstrap {
  private readonly logger = new Logger('TokenService');

  constructor(
    private readonly operators: OperatorsService,
    private readonly lockout: SignInLockout,
    private readonly apiKeys: ApiKeysService,
    private readonly signer: TokenSigner,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await prepareBurnPasswordCheck();
  }

  async grant(req: TokenRequest): Promise<TokenAnswer> {
    return req.grant === 'password' ? this.passwordGrant(req.email, req.password, req.organisationId) : this.apiKeyGrant(req.apiKey);
  }

  private async passwordGrant(emailGiven: string, password: string, organisationId?: string): Promise<TokenAnswer> {
    const email = normaliseEmail(emailGiven);
    const verdict = await this.lockout.begin(email);
    if (verdict.locked) throw this.locked(verdict.retryAfterSeconds);
    const found = await this.operators.findForSignIn(email);
    const matches = found ? await passwordMatches(password, found.user.passwordHash) : (await burnPasswordCheck(password), false);
    if (!found || !matches) {
      const after = await this.lockout.failed(email, verdict.attempt);
      this.logger.log({ msg: 'sign-in refused', reason: after.locked ? 'wrong password, now locked' : 'wrong e-mail or password' });
      if (after.locked) throw this.locked(after.retryAfterSeconds);
      throw oauthError(400, 'invalid_grant', ErrorCodes.issuerInvalidCredentials, WRONG_CREDENTIALS);
    }
    await this.lockout.succeeded(email);
    await this.rehashIfCheap(found.user, password);
    const membership = this.chooseMembership(found.memberships, organisationId);
    const principal: Principal = { subject: found.user.id, organisationId: membership.organisationId, role: membership.role, actorKind: 'user' };
    return this.issue(principal);
  }

  private chooseMembership(memberships: Membership[], organisationId?: string): Membership {
    if (organisationId !== undefined) {
      const m = memberships.find((x) => x.organisationId === organisationId);
      if (!m) throw oauthError(400, 'invalid_grant', ErrorCodes.issuerNoMembership, `this user is not a member of organisation ${organisationId}`);
      if (m.disabledAt) throw oauthError(400, 'invalid_grant', ErrorCodes.issuerUserDisabled, `this user is disabled in organisation ${organisationId}`);
      return m;
    }
    const enabled = memberships.find((x) => !x.disabledAt);
    if (enabled) return enabled;
    if (memberships.length > 0) throw oauthError(400, 'invalid_grant', ErrorCodes.issuerUserDisabled, 'this user is disabled in every organisation they belong to');
    throw oauthError(400, 'invalid_grant', ErrorCodes.issuerNoMembership, 'this user belongs to no organisation');
  }

  private async apiKeyGrant(apiKey: string): Promise<TokenAnswer> {
    const result = await this.apiKeys.authenticate(apiKey);
    if ('refused' in result) {
      const description = {
        [ErrorCodes.issuerInvalidApiKey]: 'the API key is not valid',
        [ErrorCodes.issuerApiKeyRevoked]: 'the API key was revoked',
        [ErrorCodes.issuerApiKeyExpired]: 'the API key has expired',
      }[result.refused];
      this.logger.log({ msg: 'API key refused', code: result.refused });
      throw oauthError(401, 'invalid_client', result.refused, description);
    }
    const { key } = result;
    return this.issue({ subject: key.id, organisationId: key.organisationId, role: key.role, actorKind: 'api_key' }, key.expiresAt);
  }

  private async issue(principal: Principal, notAfter?: Date | null): Promise<TokenAnswer> {
    const { accessToken, expiresIn } = await this.signer.sign(principal, notAfter);
    this.logger.debug?.({ msg: 'token issued', sub: principal.subject, org: principal.organisationId, role: principal.role, act: principal.actorKind });
    return { access_token: accessToken, token_type: 'Bearer', expires_in: expiresIn };
  }

  private locked(retryAfterSeconds: number) {
    const e = signInLocked(retryAfterSeconds);
    return oauthError(e.httpStatus, 'invalid_grant', e.code, e.message, { retryAfterSeconds });
  }

  /** After PASSWORD_COST was raised: this user's hash is made again with the new cost, now that we know the password. */
  private async rehashIfCheap(user: OperatorUser, password: string): Promise<void> {
    if (passwordNeedsRehash(user.passwordHash)) await this.operators.setPassword(user.id, password, { rehash: true }).catch(() => undefined);
  }
}
