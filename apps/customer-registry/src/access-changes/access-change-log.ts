import { Global, Injectable, Logger, Module } from '@nestjs/common';
import type { Principal } from '@limye/platform';

/**
 * One change to who may do what: a user, a role, a membership, an API key, an organisation.
 * `before` / `after` hold no secrets and no e-mail addresses (ids, roles, names of keys, dates only).
 */
export interface AccessChange {
  actor: Pick<Principal, 'subject' | 'actorKind'> | 'system';
  organisationId: string;
  action:
    | 'organisation.created'
    | 'user.created'
    | 'membership.added'
    | 'membership.changed'
    | 'user.password_changed'
    | 'api_key.created'
    | 'api_key.revoked'
    | 'demo.seeded';
  /** The id of the user, key or organisation changed. */
  target: string;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

/**
 * THE AUDIT HOOK of the built-in issuer: every service method that changes users, memberships, roles or
 * API keys calls record() once, after its change is committed. Today it writes a log line; the audit log
 * (issue 9, point 6) replaces the body of record() with its append-only table, nothing else changes.
 */
@Injectable()
export class AccessChangeLog {
  private readonly logger = new Logger('AccessChangeLog');

  async record(change: AccessChange): Promise<void> {
    const actor = change.actor === 'system' ? 'system' : `${change.actor.actorKind}:${change.actor.subject}`;
    this.logger.log({ msg: 'access changed', action: change.action, actor, organisationId: change.organisationId, target: change.target, before: change.before, after: change.after });
  }
}

@Global()
@Module({ providers: [AccessChangeLog], exports: [AccessChangeLog] })
export class AccessChangesModule {}
