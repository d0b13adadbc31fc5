import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { secretEquals } from '../common/secret-equals';
import { SandboxEnv } from '../config/sandbox.env';
import { nationalSystemError } from './national-system-reply';

/** OMIS wants its key in `X-API-Key` on every request (docs/national-systems.md). */
@Injectable()
export class OmisAuthGuard implements CanActivate {
  constructor(private readonly env: SandboxEnv) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    if (!secretEquals(req.header('x-api-key'), this.env.OMIS_API_KEY)) {
      throw nationalSystemError(401, 'unauthorized', 'missing or wrong X-API-Key');
    }
    return true;
  }
}
