import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'crypto';
import { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_ORGANISATION_ID, Principal } from '../auth/principal';
import { currentCorrelationId } from '../correlation/correlation';
import { AuditMaskOptions, maskForAudit } from './audit-masking';

/**
 * Who did it. A verified caller (user or API key) for an operator route; a job of the service itself names
 * itself with `{ system: '…' }`. `undefined` (no verified caller: only possible before the authentication guard
 * runs on the route) is recorded as 'anonymous' in the default organisation, never dropped.
 */
export type AuditActor = Principal | { system: string; organisationId: string } | undefined;

export interface AuditEntry {
  actor: AuditActor;
  /** What was done, `<target>.<verb>`: 'customer.registered', 'payment.retried'. */
  action: string;
  target: { type: string; id: string };
  /** The record as it was (null: it did not exist) and as it is now (null: it is gone). Masked before storing. */
  before?: unknown;
  after?: unknown;
  /** Masking options (e.g. keep a company's `name`). */
  mask?: AuditMaskOptions;
}

/** Anything that runs SQL in the caller's transaction: TypeORM's EntityManager, a QueryRunner, a pg client. */
export interface SqlExecutor {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * Writes audit rows, always inside the transaction of the change they describe: the change and its row commit
 * together or not at all. Services call `change()` (a transaction of their own) or `record()` with the
 * transaction they already hold.
 */
@Injectable()
export class AuditRecorder {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Runs `work` in a transaction and records what it returns as one audit row in the same transaction. `work`
   * returns its result and the entry (or null: nothing changed, nothing recorded).
   */
  async change<T>(work: (em: EntityManager) => Promise<{ result: T; audit: AuditEntry | null }>): Promise<T> {
    return this.dataSource.transaction(async (em) => {
      const { result, audit } = await work(em);
      if (audit) await this.record(em, audit);
      return result;
    });
  }

  /** Inserts the row with `tx`, which must be the change's own transaction. */
  async record(tx: SqlExecutor, entry: AuditEntry): Promise<void> {
    await tx.query(`INSERT INTO audit_log (${AUDIT_LOG_COLUMNS}) VALUES (${AUDIT_LOG_COLUMNS.split(', ').map((_, i) => `$${i + 1}`).join(', ')})`, auditRowValues(entry));
  }
}

/**
 * For a change written as one SQL statement (payment-intake's CTE transitions): the columns and values of the
 * row, to insert in the statement itself, e.g. `au AS (INSERT INTO audit_log (${AUDIT_LOG_COLUMNS}) SELECT $5, … FROM moved)`,
 * so the row exists exactly when the change does.
 */
export const AUDIT_LOG_COLUMNS = 'id, organisation_id, actor_kind, actor_id, action, target_type, target_id, before, after, correlation_id';

export function auditRowValues(entry: AuditEntry): unknown[] {
  const actor = describeActor(entry.actor);
  return [
    randomUUID(),
    actor.organisationId,
    actor.kind,
    actor.id,
    entry.action,
    entry.target.type,
    String(entry.target.id),
    jsonOrNull(entry.before, entry.mask),
    jsonOrNull(entry.after, entry.mask),
    currentCorrelationId() ?? null,
  ];
}

function describeActor(actor: AuditActor): { kind: string; id: string | null; organisationId: string } {
  if (!actor) return { kind: 'anonymous', id: null, organisationId: DEFAULT_ORGANISATION_ID };
  if ('system' in actor) return { kind: 'system', id: actor.system, organisationId: actor.organisationId };
  return { kind: actor.actorKind, id: actor.subject, organisationId: actor.organisationId };
}

function jsonOrNull(value: unknown, mask: AuditMaskOptions | undefined): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(maskForAudit(value, mask));
}
