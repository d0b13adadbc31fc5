import { Global, Module } from '@nestjs/common';
import { AuditLogReader } from './audit-log.reader';
import { AuditRecorder } from './audit-recorder';
import { AuditHttpController } from './audit.http-controller';

/**
 * The audit log of a service: its recorder for every module that changes something, and GET /v1/audit.
 * Imported once by the service's root module (global: feature modules inject AuditRecorder without importing it).
 * The service's migrations create the table with AUDIT_LOG_TABLE_SQL.
 */
@Global()
@Module({
  controllers: [AuditHttpController],
  providers: [AuditRecorder, AuditLogReader],
  exports: [AuditRecorder],
})
export class AuditModule {}
