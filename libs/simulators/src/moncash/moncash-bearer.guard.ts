import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { MoncashAuthService } from './moncash-auth.service';

/** Every MonCash REST call but the token request needs a live bearer token. */
@Injectable()
export class MoncashBearerGuard implements CanActivate {
  constructor(private readonly auth: MoncashAuthService) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    // MonCash reports paths without its /Api mount, e.g. "/v1/CreatePayment".
    this.auth.requireBearer(req.header('authorization'), req.path.replace(/^\/Api(?=\/)/, ''));
    return true;
  }
}
