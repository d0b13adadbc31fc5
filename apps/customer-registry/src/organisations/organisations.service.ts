import { randomUUID } from 'crypto';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, ErrorCodes } from '@limye/contracts';
import { DEFAULT_ORGANISATION_ID, fieldError, Principal, SERVICE_ENV } from '@limye/platform';
import { AccessChangeLog } from '../access-changes/access-change-log';
import { callerOf } from '../auth/own-organisation';
import { CustomerRegistryEnv } from '../config/customer-registry.env';
import { OperatorUserView } from '../operators/operator.view';
import { normaliseEmail, OperatorsService } from '../operators/operators.service';
import { hashPassword } from '../operators/password';
import { OperatorUser } from '../operators/operator-user.entity';
import { CreateOrganisationRequest } from './organisation.requests';
import { Organisation } from './organisation.entity';

export interface OrganisationView {
  id: string;
  name: string;
  createdAt: string;
}

function toView(o: Organisation): OrganisationView {
  return { id: o.id, name: o.name, createdAt: new Date(o.createdAt).toISOString() };
}

/**
 * Organisations. The default one (DEFAULT_ORGANISATION_ID, made by the migration) is the deployment's own:
 * its owners create the others, each with a first owner. Its name follows LIMYE_DEFAULT_ORGANISATION_NAME.
 */
@Injectable()
export class OrganisationsService implements OnApplicationBootstrap {
  constructor(
    private readonly ds: DataSource,
    private readonly operators: OperatorsService,
    private readonly changes: AccessChangeLog,
    @Inject(SERVICE_ENV) private readonly env: CustomerRegistryEnv,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const name = this.env.LIMYE_DEFAULT_ORGANISATION_NAME.trim();
    if (name !== '') await this.ds.query(`UPDATE "organisations" SET "name" = $2 WHERE "id" = $1 AND "name" <> $2`, [DEFAULT_ORGANISATION_ID, name]);
  }

  async create(caller: Principal | undefined, req: CreateOrganisationRequest): Promise<OrganisationView & { owner: OperatorUserView }> {
    const actor = callerOf(caller, caller?.organisationId ?? DEFAULT_ORGANISATION_ID);
    if (actor.organisationId !== DEFAULT_ORGANISATION_ID || actor.role !== 'owner') {
      throw new DomainError(ErrorCodes.forbidden, "only an owner of the deployment's default organisation creates organisations", 403);
    }
    const existing = await this.ds.getRepository(OperatorUser).createQueryBuilder('u').where('lower(u.email) = :email', { email: normaliseEmail(req.ownerEmail) }).getOne();
    if (existing && req.ownerPassword !== undefined) throw fieldError('ownerPassword', 'ownerPassword must be left out: a user with this e-mail exists and keeps their password');
    if (!existing && req.ownerPassword === undefined) throw fieldError('ownerPassword', 'ownerPassword is required for a new user');
    const passwordHash = existing ? undefined : await hashPassword(req.ownerPassword as string);
    const id = randomUUID();
    const { organisation, owner } = await this.ds.transaction(async (tx) => {
      await tx.insert(Organisation, { id, name: req.name.trim() });
      const userId = existing?.id ?? (await this.operators.insertUser(tx, req.ownerEmail, passwordHash as string));
      const owner = await this.operators.addMembership(tx, userId, id, 'owner');
      return { organisation: await tx.findOneByOrFail(Organisation, { id }), owner };
    });
    await this.changes.record({ actor, organisationId: id, action: 'organisation.created', target: id, after: { name: organisation.name } });
    await this.changes.record({ actor, organisationId: id, action: existing ? 'membership.added' : 'user.created', target: owner.id, after: { role: 'owner' } });
    return { ...toView(organisation), owner };
  }

  async get(caller: Principal | undefined, organisationId: string): Promise<OrganisationView> {
    callerOf(caller, organisationId);
    const organisation = await this.ds.getRepository(Organisation).findOneBy({ id: organisationId });
    if (!organisation) throw new DomainError(ErrorCodes.issuerOrganisationNotFound, `no organisation ${organisationId}`, 404);
    return toView(organisation);
  }
}
