import { randomUUID } from 'crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, ErrorCodes } from '@limye/contracts';
import type { Principal, Role } from '@limye/platform';
import { AccessChangeLog } from '../access-changes/access-change-log';
import { callerOf } from '../auth/own-organisation';
import { CreateUserRequest, UpdateMembershipRequest } from './operator.requests';
import { MembershipRow, OperatorUserView, toOperatorUserView } from './operator.view';
import { hashPassword, passwordMatches } from './password';
import { Membership } from './membership.entity';
import { OperatorUser } from './operator-user.entity';
import { SignInLockout } from './sign-in-lockout';

const MEMBER_COLUMNS = `u."id", u."email", m."organisation_id", m."role", m."disabled_at", m."created_at"`;

/** E-mail addresses compare in lower case (the unique index is on lower(email)). */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Operator users and their roles. Owners and admins manage their own organisation's users; an admin
 * cannot make, change or disable an owner (only owners can), and nobody removes the last enabled owner.
 * Every change is committed, then told to the AccessChangeLog (the audit hook).
 */
@Injectable()
export class OperatorsService {
  constructor(
    private readonly ds: DataSource,
    private readonly lockout: SignInLockout,
    private readonly changes: AccessChangeLog,
  ) {}

  async createUser(caller: Principal | undefined, organisationId: string, req: CreateUserRequest): Promise<OperatorUserView> {
    const actor = callerOf(caller, organisationId);
    if (req.role === 'owner' && actor.role !== 'owner') throw new DomainError(ErrorCodes.forbidden, 'only an owner may create an owner', 403);
    const passwordHash = await hashPassword(req.password);
    const view = await this.ds.transaction(async (tx) => {
      const id = await this.insertUser(tx, req.email, passwordHash);
      return this.addMembership(tx, id, organisationId, req.role);
    });
    await this.changes.record({ actor, organisationId, action: 'user.created', target: view.id, after: { role: view.role } });
    return view;
  }

  async listUsers(caller: Principal | undefined, organisationId: string): Promise<OperatorUserView[]> {
    callerOf(caller, organisationId);
    const rows = (await this.ds.query(
      `SELECT ${MEMBER_COLUMNS} FROM "memberships" m JOIN "operator_users" u ON u."id" = m."user_id"
       WHERE m."organisation_id" = $1 ORDER BY m."created_at", u."id"`,
      [organisationId],
    )) as MembershipRow[];
    return rows.map(toOperatorUserView);
  }

  async getUser(caller: Principal | undefined, organisationId: string, userId: string): Promise<OperatorUserView> {
    callerOf(caller, organisationId);
    return toOperatorUserView(await this.membershipRow(this.ds.manager, organisationId, userId));
  }

  /** A new role and/or disabled or enabled again, in this organisation only. */
  async updateMembership(caller: Principal | undefined, organisationId: string, userId: string, req: UpdateMembershipRequest): Promise<OperatorUserView> {
    const actor = callerOf(caller, organisationId);
    if (req.role === undefined && req.disabled === undefined) throw new DomainError(ErrorCodes.validationFailed, 'nothing to change: give role and/or disabled', 400);
    const { before, after } = await this.ds.transaction(async (tx) => {
      // Locks this organisation's memberships against a concurrent change racing to remove the last owner.
      await tx.query(`SELECT 1 FROM "memberships" WHERE "organisation_id" = $1 FOR UPDATE`, [organisationId]);
      const current = await this.membershipRow(tx, organisationId, userId);
      const role: Role = req.role ?? current.role;
      const disabled = req.disabled ?? current.disabled_at !== null;
      if ((current.role === 'owner' || role === 'owner') && actor.role !== 'owner') {
        throw new DomainError(ErrorCodes.forbidden, current.role === 'owner' ? 'only an owner may change or disable an owner' : 'only an owner may make an owner', 403);
      }
      const stopsBeingOwner = current.role === 'owner' && current.disabled_at === null && (role !== 'owner' || disabled);
      if (stopsBeingOwner) {
        const [{ n }] = (await tx.query(
          `SELECT count(*)::int AS n FROM "memberships" WHERE "organisation_id" = $1 AND "role" = 'owner' AND "disabled_at" IS NULL AND "user_id" <> $2`,
          [organisationId, userId],
        )) as Array<{ n: number }>;
        if (n === 0) throw new DomainError(ErrorCodes.conflict, 'this is the last enabled owner of the organisation: make another owner first', 409);
      }
      await tx.query(
        `UPDATE "memberships" SET "role" = $3,
           "disabled_at" = CASE WHEN $4::boolean THEN COALESCE("disabled_at", now()) ELSE NULL END, "updated_at" = now()
         WHERE "organisation_id" = $1 AND "user_id" = $2`,
        [organisationId, userId, role, disabled],
      );
      return { before: toOperatorUserView(current), after: toOperatorUserView(await this.membershipRow(tx, organisationId, userId)) };
    });
    await this.changes.record({
      actor, organisationId, action: 'membership.changed', target: userId,
      before: { role: before.role, disabled: before.disabled }, after: { role: after.role, disabled: after.disabled },
    });
    return after;
  }

  /**
   * A signed-in user's own password. The current one is checked under the sign-in lockout (a stolen token
   * must not become a way to guess the password); tokens already issued stay valid until they expire.
   */
  async changeOwnPassword(caller: Principal | undefined, currentPassword: string, newPassword: string): Promise<void> {
    if (!caller) throw new DomainError(ErrorCodes.unauthorized, 'a bearer token is required', 401);
    if (caller.actorKind !== 'user') throw new DomainError(ErrorCodes.forbidden, 'an API key has no password: only a signed-in user changes their password', 403);
    const user = await this.ds.getRepository(OperatorUser).findOneBy({ id: caller.subject });
    if (!user) throw new DomainError(ErrorCodes.issuerUserNotFound, 'the signed-in user no longer exists', 404);
    const email = normaliseEmail(user.email);
    const verdict = await this.lockout.begin(email);
    if (verdict.locked) throw signInLocked(verdict.retryAfterSeconds);
    if (!(await passwordMatches(currentPassword, user.passwordHash))) {
      const after = await this.lockout.failed(email, verdict.attempt);
      if (after.locked) throw signInLocked(after.retryAfterSeconds);
      throw new DomainError(ErrorCodes.issuerWrongPassword, 'currentPassword is wrong', 400);
    }
    await this.lockout.succeeded(email);
    await this.setPassword(user.id, newPassword);
    await this.changes.record({ actor: caller, organisationId: caller.organisationId, action: 'user.password_changed', target: user.id });
  }

  /** A new password, or (`rehash`) the same one hashed again at today's cost. */
  async setPassword(userId: string, password: string, opts: { rehash?: boolean } = {}): Promise<void> {
    const passwordHash = await hashPassword(password);
    await this.ds.getRepository(OperatorUser).update({ id: userId }, opts.rehash ? { passwordHash } : { passwordHash, passwordChangedAt: new Date() });
  }

  /** For sign-in: the user with this e-mail (any case) and their memberships, first first. */
  async findForSignIn(email: string): Promise<{ user: OperatorUser; memberships: Membership[] } | null> {
    const user = await this.ds.getRepository(OperatorUser).createQueryBuilder('u').where('lower(u.email) = :email', { email: normaliseEmail(email) }).getOne();
    if (!user) return null;
    const memberships = await this.ds.getRepository(Membership).find({ where: { userId: user.id }, order: { createdAt: 'ASC', organisationId: 'ASC' } });
    return { user, memberships };
  }

  /** The user with this e-mail, or a new one with this password (hash given); its id. */
  async insertUser(tx: EntityManager, email: string, passwordHash: string): Promise<string> {
    const id = randomUUID();
    const inserted = (await tx.query(
      `INSERT INTO "operator_users" ("id", "email", "password_hash") VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING "id"`,
      [id, email.trim(), passwordHash],
    )) as Array<{ id: string }>;
    if (inserted.length === 0) throw new DomainError(ErrorCodes.issuerEmailTaken, 'a user with this e-mail already exists', 409);
    return id;
  }

  async addMembership(tx: EntityManager, userId: string, organisationId: string, role: Role): Promise<OperatorUserView> {
    const inserted = (await tx.query(
      `INSERT INTO "memberships" ("user_id", "organisation_id", "role") VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING "user_id"`,
      [userId, organisationId, role],
    )) as unknown[];
    if (inserted.length === 0) throw new DomainError(ErrorCodes.issuerEmailTaken, 'this user is already a member of the organisation', 409);
    return toOperatorUserView(await this.membershipRow(tx, organisationId, userId));
  }

  private async membershipRow(tx: EntityManager, organisationId: string, userId: string): Promise<MembershipRow> {
    const [row] = (await tx.query(
      `SELECT ${MEMBER_COLUMNS} FROM "memberships" m JOIN "operator_users" u ON u."id" = m."user_id" WHERE m."organisation_id" = $1 AND m."user_id" = $2`,
      [organisationId, userId],
    )) as MembershipRow[];
    if (!row) throw new DomainError(ErrorCodes.issuerUserNotFound, `no user ${userId} in this organisation`, 404);
    return row;
  }
}

/** 429 with the seconds to wait (the controllers put them in Retry-After); the same for every e-mail. */
export function signInLocked(retryAfterSeconds: number): DomainError {
  return new DomainError(ErrorCodes.issuerSignInLocked, `too many wrong passwords for this e-mail: try again in ${retryAfterSeconds} s`, 429, { retryAfterSeconds });
}
