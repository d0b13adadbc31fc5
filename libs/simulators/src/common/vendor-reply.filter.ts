import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { VendorReplyError } from './vendor-reply.error';

/** Writes a VendorReplyError body as it is; used on simulator controllers ahead of the global filter. */
@Catch(VendorReplyError)
export class VendorReplyFilter implements ExceptionFilter {
  catch(exception: VendorReplyError, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    res.status(exception.status).json(exception.body);
  }
}
