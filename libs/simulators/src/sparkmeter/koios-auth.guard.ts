import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { SimulatorsEnv } from '../simulators.env';
import { VendorReplyError } from '../common/vendor-reply.error';
import { secretMatcher } from '@limye/platform';

/** Koios wants an API key and secret on every request. */
@Injectable()
export class KoiosAuthGuard implements CanActivate {
  // Hashed once: the check runs on every credit.
  private readonly isKey: (presented: string | undefined) => boolean;
  private readonly isSecret: (presented: string | undefined) => boolean;

  constructor(env: SimulatorsEnv) {
    this.isKey = secretMatcher(env.SPARKMETER_KOIOS_API_KEY);
    this.isSecret = secretMatcher(env.SPARKMETER_KOIOS_API_SECRET);
  }

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    this.check(req.header('x-api-key'), req.header('x-api-secret'));
    return true;
  }

  /** Throws Koios's 401 unless both are right (also used by the fast credit route). */
  check(apiKey: string | undefined, apiSecret: string | undefined): void {
    const keyOk = this.isKey(apiKey);
    const secretOk = this.isSecret(apiSecret);
    if (!keyOk || !secretOk) throw new VendorReplyError(401, { detail: 'Invalid credentials' });
  }
}
