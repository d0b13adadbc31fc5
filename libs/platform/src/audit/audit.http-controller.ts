import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { DomainError, ErrorCodes } from '@limye/contracts';
import { Caller, Principal } from '../auth/principal';
import { ACCESS } from '../auth/access-rules';
import { RequireRoles } from '../auth/roles';
import { AuditLogReader, AuditPage } from './audit-log.reader';
import { AuditPageResponse } from './audit-page.response';
import { AuditQuery } from './audit.query';

/** GET /v1/audit of every service with operator routes: the caller's organisation's rows of this service, newest first. */
@Controller('v1/audit')
export class AuditHttpController {
  constructor(private readonly reader: AuditLogReader) {}

  @Get()
  @RequireRoles(...ACCESS.audit)
  @ApiOperation({ summary: "The caller's organisation's audit log of this service, newest first" })
  @ApiOkResponse({ type: AuditPageResponse })
  list(@Caller() caller: Principal | undefined, @Query() query: AuditQuery): Promise<AuditPage> {
    // The authentication guard refuses a request without a verified caller first; this is the last line, so
    // an unguarded mount can never answer with an organisation chosen by default.
    if (!caller) throw new DomainError(ErrorCodes.unauthorized, 'a bearer token is required', 401);
    return this.reader.page(caller.organisationId, query);
  }
}
