import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'crypto';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '@limye/contracts';
import { AuditRecorder, DEFAULT_ORGANISATION_ID, fieldError, preparedQuery, Principal, returnedRows, SERVICE_ENV } from '@limye/platform';
import { EligibilityEnv } from '../../config/eligibility.env';
import { normalizeAgentPhone } from '../domain/agent-phone';
import type { AgentCompany, AgentView, PinCheck } from '../rbf-programme.port';
import { isUniqueViolation, ProgrammeErrors } from '../programme.errors';
import { CreateAgentRequest, UpdateAgentRequest } from './agent.requests';
import { hashPin, pinMatches } from './pin-hash';

/** An agent as the admin API shows it (never the PIN hash). */
export interface AgentAdminView {
  id: string;
  phone: string;
  name: string;
  active: boolean;
  companies: Array<AgentCompany & { active: boolean }>;
  failedPinAttempts: number;
  /** Set while locked out. */
  lockedUntil: string | null;
  createdAt: string;
  updatedAt: string;
}

interface AgentRow {
  id: string;
  phone: string;
  name: string;
  active: boolean;
  failed_pin_attempts: number;
  locked_until: Date | null;
  locked: boolean;
  created_at: Date;
  updated_at: Date;
  companies: Array<{ id: string; code: string; name: string; active: boolean }> | null;
}

const AGENT_SELECT = `
  SELECT a.id, a.phone, a.name, a.active, a.failed_pin_attempts, a.locked_until,
         coalesce(a.locked_until > now(), false) AS locked, a.created_at, a.updated_at,
         (SELECT json_agg(json_build_object('id', c.id, 'code', c.code, 'name', c.name, 'active', c.active) ORDER BY c.code)
            FROM agent_companies ac JOIN companies c ON c.id = ac.company_id WHERE ac.agent_id = a.id) AS companies
    FROM agents a`;

/**
 * Agents: the admin API's writes, the USSD layer's lookup by phone and the PIN check with its lockout.
 * Admin methods act within one organisation (another organisation's agent is a 404). A phone is an agent
 * in at most one organisation (agents_phone_uq): the USSD channel is national, and the phone that dials
 * must resolve to exactly one agent, so to one organisation.
 */
@Injectable()
export class AgentsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(SERVICE_ENV) private readonly env: EligibilityEnv,
    private readonly audit: AuditRecorder,
  ) {}

  async create(organisationId: string, req: CreateAgentRequest, caller?: Principal): Promise<AgentAdminView> {
    const phone = normalizeAgentPhone(req.phone);
    if (!phone.ok) throw fieldError('phone', phone.reason);
    const id = randomUUID();
    const pinHash = await hashPin(req.pin);
    try {
      await this.audit.change(async (tx) => {
        await tx.query(`INSERT INTO agents (id, organisation_id, phone, name, pin_hash) VALUES ($1, $2, $3, $4, $5)`, [id, organisationId, phone.e164, req.name, pinHash]);
        await this.setCompanies(tx, organisationId, id, req.companyIds);
        return { result: null, audit: { actor: caller, action: 'agent.registered', target: { type: 'agent', id }, before: null, after: await this.agentIn(tx, organisationId, id) } };
      });
    } catch (err) {
      // Says no more than that the phone is taken: not by whom, nor in which organisation.
      if (isUniqueViolation(err, 'agents_phone_uq')) {
        throw new DomainError(ProgrammeErrors.agentPhoneTaken, `phone ${phone.e164} is already an agent's (in this or another programme): a phone can be one agent only`, 409);
      }
      throw err;
    }
    return this.get(organisationId, id);
  }

  async list(organisationId: string): Promise<AgentAdminView[]> {
    const rows: AgentRow[] = await this.ds.query(`${AGENT_SELECT} WHERE a.organisation_id = $1 ORDER BY a.name, a.phone`, [organisationId]);
    return rows.map(toAdminView);
  }

  async get(organisationId: string, id: string): Promise<AgentAdminView> {
    const [row]: AgentRow[] = await this.ds.query(`${AGENT_SELECT} WHERE a.id = $1 AND a.organisation_id = $2`, [id, organisationId]);
    if (!row) throw new DomainError(ProgrammeErrors.agentNotFound, `no agent ${id}`, 404);
    return toAdminView(row);
  }

  async update(organisationId: string, id: string, req: UpdateAgentRequest, caller?: Principal): Promise<AgentAdminView> {
    const pinHash = req.pin !== undefined ? await hashPin(req.pin) : null;
    await this.audit.change(async (tx) => {
      await tx.query(`SELECT id FROM agents WHERE id = $1 AND organisation_id = $2 FOR UPDATE`, [id, organisationId]);
      const before = await this.agentIn(tx, organisationId, id);
      const found = returnedRows<{ id: string }>(
        await tx.query(
          `UPDATE agents SET
             name = coalesce($2, name),
             active = coalesce($3, active),
             pin_hash = coalesce($4, pin_hash),
             failed_pin_attempts = CASE WHEN $4::text IS NOT NULL OR $5 THEN 0 ELSE failed_pin_attempts END,
             locked_until = CASE WHEN $4::text IS NOT NULL OR $5 THEN NULL ELSE locked_until END,
             updated_at = now()
           WHERE id = $1 AND organisation_id = $6 RETURNING id`,
          [id, req.name ?? null, req.active ?? null, pinHash, req.unlock === true, organisationId],
        ),
      );
      if (found.length === 0) throw new DomainError(ProgrammeErrors.agentNotFound, `no agent ${id}`, 404);
      if (req.companyIds !== undefined) {
        await tx.query(`DELETE FROM agent_companies WHERE agent_id = $1 AND organisation_id = $2`, [id, organisationId]);
        await this.setCompanies(tx, organisationId, id, req.companyIds);
      }
      // A new PIN shows as pinChanged, never as a value (the view has no PIN hash).
      const after = { ...(await this.agentIn(tx, organisationId, id)), ...(pinHash ? { pinChanged: true } : {}) };
      return { result: null, audit: { actor: caller, action: 'agent.updated', target: { type: 'agent', id }, before, after } };
    });
    return this.get(organisationId, id);
  }

  /** `organisationId`'s agent as the admin API shows it, read inside the change's transaction (for its audit row). */
  private async agentIn(tx: EntityManager, organisationId: string, id: string): Promise<AgentAdminView | null> {
    const [row]: AgentRow[] = await tx.query(`${AGENT_SELECT} WHERE a.id = $1 AND a.organisation_id = $2`, [id, organisationId]);
    return row ? toAdminView(row) : null;
  }

  /** Links the agent to companies of its own organisation only: another organisation's company is "no company". */
  private async setCompanies(tx: EntityManager, organisationId: string, agentId: string, companyIds: string[]): Promise<void> {
    const known: Array<{ id: string }> = await tx.query(`SELECT id FROM companies WHERE id = ANY($1::uuid[]) AND organisation_id = $2`, [companyIds, organisationId]);
    const missing = companyIds.filter((c) => !known.some((k) => k.id === c));
    if (missing.length > 0) throw fieldError('companyIds', `no company ${missing.join(', ')}`);
    await tx.query(`INSERT INTO agent_companies (agent_id, company_id, organisation_id) SELECT $1, unnest($2::uuid[]), $3`, [agentId, companyIds, organisationId]);
  }

  /**
   * The organisation a phone acts for on the USSD channel: its agent's (active or not: the phone is still
   * theirs), else the default organisation, which owns the env-configured gateways.
   */
  async organisationOfPhone(phoneE164: string): Promise<string> {
    const [row] = await preparedQuery<{ organisation_id: string }>(this.ds, `SELECT organisation_id FROM agents WHERE phone = $1`, [phoneE164]);
    return row?.organisation_id ?? DEFAULT_ORGANISATION_ID;
  }

  /** The organisation's active agent with this E.164 phone and their active companies, or null. */
  async findByPhone(organisationId: string, phoneE164: string): Promise<AgentView | null> {
    const [row] = await preparedQuery<{ id: string; name: string; locked_until: Date | null; companies: AgentCompany[] | null }>(
      this.ds,
      `SELECT a.id, a.name, CASE WHEN a.locked_until > now() THEN a.locked_until END AS locked_until,
              (SELECT json_agg(json_build_object('id', c.id, 'code', c.code, 'name', c.name) ORDER BY c.code)
                 FROM agent_companies ac JOIN companies c ON c.id = ac.company_id
                WHERE ac.agent_id = a.id AND c.active) AS companies
         FROM agents a WHERE a.phone = $1 AND a.organisation_id = $2 AND a.active`,
      [phoneE164, organisationId],
    );
    if (!row) return null;
    return { id: row.id, name: row.name, companies: row.companies ?? [], lockedUntil: row.locked_until };
  }

  /**
   * Checks a PIN. A locked agent gets `locked` without the PIN being looked at. A wrong PIN is counted in
   * one conditional UPDATE (so parallel wrong tries all count), and the one that reaches
   * AGENT_PIN_MAX_ATTEMPTS locks the agent for AGENT_LOCK_MINUTES and resets the count. A right PIN
   * resets the count.
   */
  async verifyPin(agentId: string, pin: string): Promise<PinCheck> {
    const max = this.env.AGENT_PIN_MAX_ATTEMPTS;
    const [agent] = await preparedQuery<{ pin_hash: string; locked_until: Date | null }>(
      this.ds,
      `SELECT pin_hash, CASE WHEN locked_until > now() THEN locked_until END AS locked_until FROM agents WHERE id = $1 AND active`,
      [agentId],
    );
    if (!agent) return { kind: 'not_agent' };
    if (agent.locked_until) return { kind: 'locked', until: agent.locked_until };

    const right = typeof pin === 'string' && /^\d{1,12}$/.test(pin) && (await pinMatches(pin, agent.pin_hash));
    if (right) {
      const reset = await preparedQuery<{ id: string }>(
        this.ds,
        `UPDATE agents SET failed_pin_attempts = 0 WHERE id = $1 AND (locked_until IS NULL OR locked_until <= now()) RETURNING id`,
        [agentId],
      );
      // Locked meanwhile by parallel wrong tries: the lock wins.
      return reset.length === 1 ? { kind: 'ok' } : this.currentLock(agentId);
    }

    const [counted] = await preparedQuery<{ failed_pin_attempts: number; locked_until: Date | null }>(
      this.ds,
      `UPDATE agents SET
         failed_pin_attempts = CASE WHEN failed_pin_attempts + 1 >= $2 THEN 0 ELSE failed_pin_attempts + 1 END,
         locked_until = CASE WHEN failed_pin_attempts + 1 >= $2 THEN now() + ($3::int * interval '1 minute') ELSE locked_until END
       WHERE id = $1 AND (locked_until IS NULL OR locked_until <= now())
       RETURNING failed_pin_attempts, CASE WHEN locked_until > now() THEN locked_until END AS locked_until`,
      [agentId, max, this.env.AGENT_LOCK_MINUTES],
    );
    if (!counted) return this.currentLock(agentId);
    if (counted.locked_until) return { kind: 'locked', until: counted.locked_until };
    return { kind: 'wrong', attemptsLeft: Math.max(max - counted.failed_pin_attempts, 0) };
  }

  private async currentLock(agentId: string): Promise<PinCheck> {
    const [row] = await preparedQuery<{ locked_until: Date | null }>(this.ds, `SELECT locked_until FROM agents WHERE id = $1`, [agentId]);
    return { kind: 'locked', until: row?.locked_until ?? new Date() };
  }
}

function toAdminView(r: AgentRow): AgentAdminView {
  return {
    id: r.id,
    phone: r.phone,
    name: r.name,
    active: r.active,
    companies: r.companies ?? [],
    failedPinAttempts: r.failed_pin_attempts,
    lockedUntil: r.locked && r.locked_until ? new Date(r.locked_until).toISOString() : null,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}
