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
    const keyOk = this.isKey(req.header('x-api-key'));
    const secretOk = this.isSecret(req.header('x-api-secret'));
    if (!keyOk || !secretOk) throw new VendorReplyError(401, { detail: 'Invalid credentials' });
    return true;
  }
}
