import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { SimulatorsEnv } from '../simulators.env';
import { VendorReplyError } from '../common/vendor-reply.error';
import { secretEquals } from '@limye/platform';

/** Koios wants an API key and secret on every request. */
@Injectable()
export class KoiosAuthGuard implements CanActivate {
  constructor(private readonly env: SimulatorsEnv) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    const keyOk = secretEquals(req.header('x-api-key'), this.env.SPARKMETER_KOIOS_API_KEY);
    const secretOk = secretEquals(req.header('x-api-secret'), this.env.SPARKMETER_KOIOS_API_SECRET);
    if (!keyOk || !secretOk) throw new VendorReplyError(401, { detail: 'Invalid credentials' });
    return true;
  }
}
