import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { toSafeInteger } from '@limye/contracts';
import { maskId, preparedQuery, SERVICE_ENV } from '@limye/platform';
import { EligibilityEnv } from '../config/eligibility.env';
import type { MeisPersonAnswer, OmisStatusAnswer } from '../national-systems/domain/national-system-answers';
import { MEIS_CLIENT, MeisClient } from '../national-systems/meis.client';
import { OMIS_CLIENT, OmisClient } from '../national-systems/omis.client';
import { CompaniesService } from './companies/companies.service';
import { decideEligibility, OwnSales } from './domain/eligibility-decision';
import { percentForTier, ProgrammeRules, smallestIncentive, tierForCategory } from './domain/programme-rules';
import { PROGRAMME_RULES } from './programme-rules.provider';
import { eligibilityCheckDuration, eligibilityChecks } from './programme.metrics';
import type { EligibilityOutcome } from './rbf-programme.port';

/**
 * The eligibility check: MEIS and OMIS asked in parallel within LOOKUP_DEADLINE_MS, then Limye's own
 * sales of the household and its tier's budget, then the pure decision. Never throws: anything that
 * goes wrong is `unavailable`, and nothing is written.
 */
@Injectable()
export class EligibilityCheckService {
  private readonly logger = new Logger(EligibilityCheckService.name);

  constructor(
    @Inject(SERVICE_ENV) private readonly env: EligibilityEnv,
    @Inject(PROGRAMME_RULES) private readonly rules: ProgrammeRules,
    @Inject(MEIS_CLIENT) private readonly meis: MeisClient,
    @Inject(OMIS_CLIENT) private readonly omis: OmisClient,
    @InjectDataSource() private readonly ds: DataSource,
    private readonly companies: CompaniesService,
  ) {}

  /** Limye's own sales and budgets are the organisation's (each programme has its own). */
  async check(organisationId: string, rawNationalId: string): Promise<EligibilityOutcome> {
    const started = process.hrtime.bigint();
    const nationalId = String(rawNationalId ?? '').replace(/\s+/g, '');
    let outcome: EligibilityOutcome;
    try {
      // MEIS answers 400 to anything but 16 digits; no need to ask it.
      outcome = /^\d{16}$/.test(nationalId) ? await this.decide(organisationId, nationalId) : { kind: 'unknown_id' };
    } catch (err) {
      // Our own database failed (the national systems' clients never throw). Limye's sales are the local
      // mirror of OMIS's, so the agent is told the sales registry cannot be reached.
      this.logger.error({ msg: 'eligibility check failed', nationalId: maskId(nationalId), error: (err as Error).message });
      outcome = { kind: 'unavailable', system: 'OMIS' };
    }
    const label = outcome.kind === 'unavailable' ? `unavailable_${outcome.system.toLowerCase()}` : outcome.kind;
    eligibilityChecks.inc({ outcome: label });
    eligibilityCheckDuration.observe({ outcome: label }, Number(process.hrtime.bigint() - started) / 1e9);
    this.logger.log({ msg: 'eligibility checked', nationalId: maskId(nationalId), outcome: label });
    return outcome;
  }

  private async decide(organisationId: string, nationalId: string): Promise<EligibilityOutcome> {
    const deadlineAt = Date.now() + this.env.LOOKUP_DEADLINE_MS;
    // When MEIS alone decides the answer (unknown ID, or down), OMIS is not waited for.
    const abandon = new AbortController();
    const [meis, omis] = await Promise.all([
      this.meis
        .findPerson(nationalId, { deadlineAt, signal: abandon.signal })
        .catch((err: Error): MeisPersonAnswer => ({ kind: 'unavailable', reason: err.message }))
        .then((a) => {
          if (a.kind !== 'found') abandon.abort();
          return a;
        }),
      this.omis
        .householdStatus(nationalId, { deadlineAt, signal: abandon.signal })
        .catch((err: Error): OmisStatusAnswer => ({ kind: 'unavailable', reason: err.message })),
    ]);

    let ownSales: OwnSales | null = null;
    let budgetAvailableRwf = 0;
    let smallestIncentiveRwf: number | null = null;
    if (meis.kind === 'found' && omis.kind === 'found') {
      const tier = tierForCategory(this.rules, meis.category);
      const [facts] = await preparedQuery<{ confirmed: boolean; pending: boolean; available: string | null }>(
        this.ds,
        `SELECT EXISTS (SELECT 1 FROM sales WHERE organisation_id = $3 AND household_id = $1 AND status = 'confirmed') AS confirmed,
                EXISTS (SELECT 1 FROM sales WHERE organisation_id = $3 AND household_id = $1 AND status = 'pending_installation') AS pending,
                (SELECT total_rwf - reserved_rwf - spent_rwf FROM budgets WHERE organisation_id = $3 AND tier = $2) AS available`,
        [meis.householdId, tier ?? 0, organisationId],
      );
      ownSales = { confirmed: facts.confirmed, pending: facts.pending };
      budgetAvailableRwf = facts.available === null ? 0 : toSafeInteger(facts.available);
      const percent = percentForTier(this.rules, tier);
      if (percent > 0) smallestIncentiveRwf = smallestIncentive(await this.companies.activePricePoints(organisationId), percent);
    }
    if (meis.kind === 'unavailable') this.logger.warn({ msg: 'MEIS unavailable for a lookup', nationalId: maskId(nationalId), reason: meis.reason });
    if (omis.kind === 'unavailable' && meis.kind === 'found') this.logger.warn({ msg: 'OMIS unavailable for a lookup', nationalId: maskId(nationalId), reason: omis.reason });
    return decideEligibility(this.rules, { meis, omis, ownSales, budgetAvailableRwf, smallestIncentiveRwf });
  }
}
