import { CanActivate, ExecutionContext, Injectable, mixin, Type } from '@nestjs/common';
import type { Request } from 'express';
import { secretMatcher } from '@limye/platform';
import { SimulatorsEnv } from '../simulators.env';
import { nationalSystemError } from './national-system-reply';

/** OMIS and MEIS want their key in `X-API-Key` on every request (docs/national-systems.md). */
export function NationalSystemAuthGuard(key: (env: SimulatorsEnv) => string): Type<CanActivate> {
  @Injectable()
  class KeyGuard implements CanActivate {
    private readonly isKey: (presented: string | undefined) => boolean;

    constructor(env: SimulatorsEnv) {
      this.isKey = secretMatcher(key(env));
    }

    canActivate(context: ExecutionContext): boolean {
      const req = context.switchToHttp().getRequest<Request>();
      if (!this.isKey(req.header('x-api-key'))) {
        throw nationalSystemError(401, 'unauthorized', 'missing or wrong X-API-Key');
      }
      return true;
    }
  }
  return mixin(KeyGuard);
}
