import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, toSafeInteger } from '@limye/contracts';
import { AuditRecorder, DEFAULT_ORGANISATION_ID, fieldError, preparedQuery, Principal, SERVICE_ENV } from '@limye/platform';
import { EligibilityEnv } from '../../config/eligibility.env';
import { parseBudgets, ProgrammeRules } from '../domain/programme-rules';
import { PROGRAMME_RULES } from '../programme-rules.provider';
import { ProgrammeErrors } from '../programme.errors';

export interface BudgetView {
  tier: number;
  totalRwf: number;
  reservedRwf: number;
  spentRwf: number;
  availableRwf: number;
}

interface BudgetRow {
  tier: number;
  total_rwf: string;
  reserved_rwf: string;
  spent_rwf: string;
}

/**
 * Incentive budgets per organisation and tier: the default organisation's seeded from RBF_BUDGETS_RWF (env
 * settings are the default organisation's), then all managed through the admin API. An organisation
 * without a budget for a tier can pay no incentive in it.
 */
@Injectable()
export class BudgetsService implements OnModuleInit {
  private readonly logger = new Logger(BudgetsService.name);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(SERVICE_ENV) private readonly env: EligibilityEnv,
    @Inject(PROGRAMME_RULES) private readonly rules: ProgrammeRules,
    private readonly audit: AuditRecorder,
  ) {}

  /** Applies RBF_BUDGETS_RWF to the default organisation's tiers without a budget; a tier already managed is never overwritten. */
  async onModuleInit(): Promise<void> {
    const initial = parseBudgets(this.env.RBF_BUDGETS_RWF);
    if (initial.size === 0) return;
    const tiers = [...initial.keys()];
    const inserted: Array<{ tier: number }> = await this.ds.query(
      `INSERT INTO budgets (organisation_id, tier, total_rwf) SELECT $3::uuid, unnest($1::smallint[]), unnest($2::bigint[]) ON CONFLICT (organisation_id, tier) DO NOTHING RETURNING tier`,
      [tiers, tiers.map((t) => String(initial.get(t))), DEFAULT_ORGANISATION_ID],
    );
    if (inserted.length > 0) this.logger.log({ msg: 'initial budgets applied', tiers: inserted.map((r) => r.tier) });
  }

  async list(organisationId: string): Promise<BudgetView[]> {
    const rows: BudgetRow[] = await this.ds.query(`SELECT tier, total_rwf, reserved_rwf, spent_rwf FROM budgets WHERE organisation_id = $1 ORDER BY tier`, [organisationId]);
    return rows.map(toView);
  }

  /** What the organisation's tier can still reserve (0 without a budget). */
  async availableRwf(organisationId: string, tier: number): Promise<number> {
    const [row] = await preparedQuery<{ available: string }>(
      this.ds,
      `SELECT total_rwf - reserved_rwf - spent_rwf AS available FROM budgets WHERE organisation_id = $1 AND tier = $2`,
      [organisationId, tier],
    );
    return row ? Math.max(0, toSafeInteger(row.available)) : 0;
  }

  /** Sets a tier's total; refused (409) below what is already reserved and spent. */
  async put(organisationId: string, tier: number, totalRwf: number, caller?: Principal): Promise<BudgetView> {
    // A budget for a tier the rules give no percent would never be used: most likely a typo.
    if (!this.rules.incentivePercent.has(tier)) throw fieldError('tier', `tier ${tier} has no incentive percent in RBF_INCENTIVE_PERCENT`);
    const rows = await this.audit.change(async (em) => {
      const [before]: BudgetRow[] = await em.query(`SELECT tier, total_rwf, reserved_rwf, spent_rwf FROM budgets WHERE organisation_id = $1 AND tier = $2 FOR UPDATE`, [organisationId, tier]);
      const written: BudgetRow[] = await em.query(
        `INSERT INTO budgets AS b (organisation_id, tier, total_rwf) VALUES ($3, $1, $2)
         ON CONFLICT (organisation_id, tier) DO UPDATE SET total_rwf = EXCLUDED.total_rwf, updated_at = now()
           WHERE b.reserved_rwf + b.spent_rwf <= EXCLUDED.total_rwf
         RETURNING tier, total_rwf, reserved_rwf, spent_rwf`,
        [tier, String(totalRwf), organisationId],
      );
      const audit = written.length > 0 ? { actor: caller, action: 'budget.set', target: { type: 'budget', id: String(tier) }, before: before ? toView(before) : null, after: toView(written[0]) } : null;
      return { result: written, audit };
    });
    if (rows.length === 0) {
      const [current] = await this.ds.query(`SELECT reserved_rwf, spent_rwf FROM budgets WHERE organisation_id = $1 AND tier = $2`, [organisationId, tier]);
      const committed = current ? toSafeInteger(current.reserved_rwf) + toSafeInteger(current.spent_rwf) : 0;
      throw new DomainError(ProgrammeErrors.budgetBelowCommitted, `tier ${tier} has ${committed} RWF reserved or spent; the total cannot go below that`, 409, {
        committedRwf: committed,
      });
    }
    return toView(rows[0]);
  }

}

function toView(r: BudgetRow): BudgetView {
  const total = toSafeInteger(r.total_rwf);
  const reserved = toSafeInteger(r.reserved_rwf);
  const spent = toSafeInteger(r.spent_rwf);
  return { tier: Number(r.tier), totalRwf: total, reservedRwf: reserved, spentRwf: spent, availableRwf: total - reserved - spent };
}
