import { CanActivate, ExecutionContext, Injectable, mixin, Type } from '@nestjs/common';
import type { Request } from 'express';
import { secretEquals } from '@limye/platform';
import { SimulatorsEnv } from '../simulators.env';
import { nationalSystemError } from './national-system-reply';

/** OMIS and MEIS want their key in `X-API-Key` on every request (docs/national-systems.md). */
export function NationalSystemAuthGuard(key: (env: SimulatorsEnv) => string): Type<CanActivate> {
  @Injectable()
  class KeyGuard implements CanActivate {
    constructor(readonly env: SimulatorsEnv) {}

    canActivate(context: ExecutionContext): boolean {
      const req = context.switchToHttp().getRequest<Request>();
      if (!secretEquals(req.header('x-api-key'), key(this.env))) {
        throw nationalSystemError(401, 'unauthorized', 'missing or wrong X-API-Key');
      }
      return true;
    }
  }
  return mixin(KeyGuard);
}
