import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { SimulatorsEnv } from '../simulators.env';
import { VendorReplyError } from '../common/vendor-reply.error';
import { tcFailure } from './domain/sparkmeter-wire';
import { secretMatcher } from '@limye/platform';

/** ThunderCloud's per-site API token, sent as `Authentication-Token`. */
@Injectable()
export class ThundercloudAuthGuard implements CanActivate {
  private readonly isToken: (presented: string | undefined) => boolean;

  constructor(env: SimulatorsEnv) {
    this.isToken = secretMatcher(env.SPARKMETER_THUNDERCLOUD_TOKEN);
  }

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    if (!this.isToken(req.header('authentication-token'))) {
      throw new VendorReplyError(401, tcFailure('unauthorized'));
    }
    return true;
  }
}
