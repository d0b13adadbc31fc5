import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'crypto';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '@limye/contracts';
import { AuditRecorder, fieldError, preparedQuery, Principal, returnedRows, SERVICE_ENV } from '@limye/platform';
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

/** Agents: the admin API's writes, the USSD layer's lookup by phone and the PIN check with its lockout. */
@Injectable()
export class AgentsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(SERVICE_ENV) private readonly env: EligibilityEnv,
    private readonly audit: AuditRecorder,
  ) {}

  async create(req: CreateAgentRequest, caller?: Principal): Promise<AgentAdminView> {
    const phone = normalizeAgentPhone(req.phone);
    if (!phone.ok) throw fieldError('phone', phone.reason);
    const id = randomUUID();
    const pinHash = await hashPin(req.pin);
    try {
      await this.audit.change(async (tx) => {
        await tx.query(`INSERT INTO agents (id, phone, name, pin_hash) VALUES ($1, $2, $3, $4)`, [id, phone.e164, req.name, pinHash]);
        await this.setCompanies(tx, id, req.companyIds);
        return { result: null, audit: { actor: caller, action: 'agent.registered', target: { type: 'agent', id }, before: null, after: await this.agentIn(tx, id) } };
      });
    } catch (err) {
      if (isUniqueViolation(err, 'agents_phone_uq')) throw new DomainError(ProgrammeErrors.agentPhoneTaken, `an agent with phone ${phone.e164} exists`, 409);
      throw err;
    }
    return this.get(id);
  }

  async list(): Promise<AgentAdminView[]> {
    const rows: AgentRow[] = await this.ds.query(`${AGENT_SELECT} ORDER BY a.name, a.phone`);
    return rows.map(toAdminView);
  }

  async get(id: string): Promise<AgentAdminView> {
    const [row]: AgentRow[] = await this.ds.query(`${AGENT_SELECT} WHERE a.id = $1`, [id]);
    if (!row) throw new DomainError(ProgrammeErrors.agentNotFound, `no agent ${id}`, 404);
    return toAdminView(row);
  }

  async update(id: string, req: UpdateAgentRequest, caller?: Principal): Promise<AgentAdminView> {
    const pinHash = req.pin !== undefined ? await hashPin(req.pin) : null;
    await this.audit.change(async (tx) => {
      await tx.query(`SELECT id FROM agents WHERE id = $1 FOR UPDATE`, [id]);
      const before = await this.agentIn(tx, id);
      const found = returnedRows<{ id: string }>(
        await tx.query(
          `UPDATE agents SET
             name = coalesce($2, name),
             active = coalesce($3, active),
             pin_hash = coalesce($4, pin_hash),
             failed_pin_attempts = CASE WHEN $4::text IS NOT NULL OR $5 THEN 0 ELSE failed_pin_attempts END,
             locked_until = CASE WHEN $4::text IS NOT NULL OR $5 THEN NULL ELSE locked_until END,
             updated_at = now()
           WHERE id = $1 RETURNING id`,
          [id, req.name ?? null, req.active ?? null, pinHash, req.unlock === true],
        ),
      );
      if (found.length === 0) throw new DomainError(ProgrammeErrors.agentNotFound, `no agent ${id}`, 404);
      if (req.companyIds !== undefined) {
        await tx.query(`DELETE FROM agent_companies WHERE agent_id = $1`, [id]);
        await this.setCompanies(tx, id, req.companyIds);
      }
      // A new PIN shows as pinChanged, never as a value (the view has no PIN hash).
      const after = { ...(await this.agentIn(tx, id)), ...(pinHash ? { pinChanged: true } : {}) };
      return { result: null, audit: { actor: caller, action: 'agent.updated', target: { type: 'agent', id }, before, after } };
    });
    return this.get(id);
  }

  /** The agent as the admin API shows it, read inside the change's transaction (for its audit row). */
  private async agentIn(tx: EntityManager, id: string): Promise<AgentAdminView | null> {
    const [row]: AgentRow[] = await tx.query(`${AGENT_SELECT} WHERE a.id = $1`, [id]);
    return row ? toAdminView(row) : null;
  }

  private async setCompanies(tx: EntityManager, agentId: string, companyIds: string[]): Promise<void> {
    const known: Array<{ id: string }> = await tx.query(`SELECT id FROM companies WHERE id = ANY($1::uuid[])`, [companyIds]);
    const missing = companyIds.filter((c) => !known.some((k) => k.id === c));
    if (missing.length > 0) throw fieldError('companyIds', `no company ${missing.join(', ')}`);
    await tx.query(`INSERT INTO agent_companies (agent_id, company_id) SELECT $1, unnest($2::uuid[])`, [agentId, companyIds]);
  }

  /** The active agent with this E.164 phone and their active companies, or null. */
  async findByPhone(phoneE164: string): Promise<AgentView | null> {
    const [row] = await preparedQuery<{ id: string; name: string; locked_until: Date | null; companies: AgentCompany[] | null }>(
      this.ds,
      `SELECT a.id, a.name, CASE WHEN a.locked_until > now() THEN a.locked_until END AS locked_until,
              (SELECT json_agg(json_build_object('id', c.id, 'code', c.code, 'name', c.name) ORDER BY c.code)
                 FROM agent_companies ac JOIN companies c ON c.id = ac.company_id
                WHERE ac.agent_id = a.id AND c.active) AS companies
         FROM agents a WHERE a.phone = $1 AND a.active`,
      [phoneE164],
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
