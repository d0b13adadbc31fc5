import { MigrationInterface, QueryRunner } from 'typeorm';
import { AUDIT_LOG_DROP_SQL, AUDIT_LOG_TABLE_SQL } from '@limye/platform';

/** The platform's append-only audit log of operator actions (see libs/platform/src/audit). */
export class AuditLog1765200000000 implements MigrationInterface {
  name = 'AuditLog1765200000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of AUDIT_LOG_TABLE_SQL) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of AUDIT_LOG_DROP_SQL) await q.query(sql);
  }
}
