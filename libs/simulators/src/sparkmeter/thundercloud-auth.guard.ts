import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { SimulatorsEnv } from '../simulators.env';
import { VendorReplyError } from '../common/vendor-reply.error';
import { tcFailure } from './domain/sparkmeter-wire';
import { secretEquals } from '@limye/platform';

/** ThunderCloud's per-site API token, sent as `Authentication-Token`. */
@Injectable()
export class ThundercloudAuthGuard implements CanActivate {
  constructor(private readonly env: SimulatorsEnv) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    if (!secretEquals(req.header('authentication-token'), this.env.SPARKMETER_THUNDERCLOUD_TOKEN)) {
      throw new VendorReplyError(401, tcFailure('unauthorized'));
    }
    return true;
  }
}
