import { applyDecorators, CanActivate, ExecutionContext, HttpException, SetMetadata, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ErrorCodes } from '@limye/contracts';

/**
 * For a route declared with @All (a vendor callback whose method is not documented): any method other
 * than `methods` is a 405 with `Allow`, before the handler runs. HEAD is refused too: Express would route
 * it to a GET handler, and a HEAD probe or a CORS preflight (OPTIONS) must not have the callback's effects.
 */
export function AllowedMethods(...methods: string[]): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(ALLOWED_METHODS_METADATA, methods), UseGuards(new AllowedMethodsGuard(methods)));
}

/** The methods of @AllowedMethods, for the OpenAPI document (which lists only those of an @All route). */
export const ALLOWED_METHODS_METADATA = 'limye:http:allowed-methods';

class AllowedMethodsGuard implements CanActivate {
  constructor(private readonly methods: readonly string[]) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<Request>();
    if (this.methods.includes(req.method)) return true;
    context.switchToHttp().getResponse<Response>().setHeader('Allow', this.methods.join(', '));
    throw new HttpException(
      { code: ErrorCodes.methodNotAllowed, message: `${req.method.slice(0, 20)} is not allowed here; use ${this.methods.join(' or ')}` },
      405,
    );
  }
}
