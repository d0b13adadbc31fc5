import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomInt, randomUUID } from 'crypto';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { toSafeInteger } from '@limye/contracts';
import { maskId, preparedQuery, returnedRows, SERVICE_ENV } from '@limye/platform';
import { EligibilityEnv } from '../../config/eligibility.env';
import type { OmisConfirmation, OmisSaleRecord } from '../../national-systems/omis.client';
import { incentiveFor, reservationExpiry } from '../domain/programme-rules';
import { generateSaleReference, isValidSaleReference } from '../domain/sale-reference';
import { OmisOutboxWorker } from '../omis-outbox/omis-outbox.worker';
import { isUniqueViolation } from '../programme.errors';
import { salesConfirmed, salesRegistered } from '../programme.metrics';
import type { ConfirmSaleInput, ConfirmSaleResult, RegisterSaleInput, RegisterSaleResult, SaleLocation } from '../rbf-programme.port';

/** A fresh reference collides with an existing one about once in 9 million: a few tries are plenty. */
const REFERENCE_TRIES = 5;
const LOCATION_FIELDS = ['province', 'district', 'sector', 'cell', 'village'] as const;

class RegistrationRefused extends Error {
  constructor(readonly result: RegisterSaleResult) {
    super(result.kind);
  }
}

/** Registering a sale (reserve, record, queue for OMIS) and confirming it at installation. */
@Injectable()
export class SalesService {
  private readonly logger = new Logger(SalesService.name);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(SERVICE_ENV) private readonly env: EligibilityEnv,
    private readonly worker: OmisOutboxWorker,
  ) {}

  /**
   * One transaction: check that the agent sells that product for that company, reserve the incentive with
   * one conditional UPDATE of the tier's budget (two agents racing for the last francs: one gets them),
   * insert the sale (the household's unique index refuses a second one), queue the OMIS registration.
   * All or nothing. The same session again answers `already_registered` with the same reference.
   * Everything it reads and writes is the input's organisation's (the session's): its agents, companies,
   * products and budget, and the sale is its too.
   */
  async registerSale(input: RegisterSaleInput): Promise<RegisterSaleResult> {
    const replay = await this.findBySession(input.sessionKey);
    if (replay) return this.counted(replay);
    const problem = inputProblem(input);
    if (problem) return this.counted({ kind: 'invalid', problem });

    const e = input.eligibility;
    const organisationId = input.organisationId;
    try {
      const registered = await this.ds.transaction(async (tx) => {
        const [offer]: Array<{ price_rwf: string; incentive_cap_rwf: string; product_code: string; company_code: string }> = await tx.query(
          `SELECT p.price_rwf, p.incentive_cap_rwf, p.code AS product_code, c.code AS company_code
             FROM products p
             JOIN companies c ON c.id = p.company_id
             JOIN agent_companies ac ON ac.company_id = c.id
             JOIN agents a ON a.id = ac.agent_id
            WHERE p.id = $1 AND c.id = $2 AND a.id = $3 AND c.organisation_id = $4 AND a.organisation_id = $4 AND p.active AND c.active AND a.active`,
          [input.productId, input.companyId, input.agentId, organisationId],
        );
        if (!offer) {
          const [agent]: Array<{ active: boolean }> = await tx.query(`SELECT active FROM agents WHERE id = $1 AND organisation_id = $2`, [input.agentId, organisationId]);
          if (!agent?.active) throw new RegistrationRefused({ kind: 'not_agent' });
          throw new RegistrationRefused({ kind: 'invalid', problem: 'the agent does not sell this product for this company' });
        }

        const priceRwf = toSafeInteger(offer.price_rwf);
        const incentiveRwf = incentiveFor({ priceRwf, incentiveCapRwf: toSafeInteger(offer.incentive_cap_rwf) }, e.incentivePercent);
        // Only what the agent accepted: an operator may have changed the price or cap since the screen was built.
        if (priceRwf !== input.shown.priceRwf || incentiveRwf !== input.shown.incentiveRwf) throw new RegistrationRefused({ kind: 'terms_changed' });

        const reserved = returnedRows<{ tier: number }>(
          await tx.query(
            `UPDATE budgets SET reserved_rwf = reserved_rwf + $2, updated_at = now()
              WHERE organisation_id = $3 AND tier = $1 AND total_rwf - reserved_rwf - spent_rwf >= $2
              RETURNING tier`,
            [e.tier, String(incentiveRwf), organisationId],
          ),
        );
        if (reserved.length === 0) throw new RegistrationRefused({ kind: 'budget_spent' });

        const registeredAt = new Date();
        const reservedUntil = reservationExpiry(registeredAt, this.env.RBF_RESERVATION_DAYS);
        const at = input.location;
        const location: SaleLocation = { province: at.province.trim(), district: at.district.trim(), sector: at.sector.trim(), cell: at.cell.trim(), village: at.village.trim() };
        let reference: string | null = null;
        for (let i = 0; i < REFERENCE_TRIES && reference === null; i++) {
          const candidate = generateSaleReference(randomInt);
          const record: OmisSaleRecord = {
            reference: candidate,
            householdId: e.householdId,
            nationalId: input.nationalId,
            companyCode: offer.company_code,
            productCode: offer.product_code,
            priceRwf,
            incentiveRwf,
            category: e.category,
            tier: e.tier,
            location,
            registeredAt: registeredAt.toISOString(),
          };
          // The sale and its queued OMIS registration in one statement (the tier's budget row is locked
          // until commit: one round trip fewer under it).
          const inserted: Array<{ reference: string }> = await tx.query(
            `WITH s AS (
               INSERT INTO sales (id, reference, session_key, household_id, national_id, national_id_masked, category, tier, incentive_percent,
                                  company_id, product_id, agent_id, price_rwf, incentive_rwf, province, district, sector, cell, village,
                                  registered_at, reserved_until, voucher_number, organisation_id)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $24)
               ON CONFLICT (reference) DO NOTHING RETURNING reference),
             o AS (INSERT INTO omis_outbox (organisation_id, sale_reference, kind, payload) SELECT $24, reference, 'register', $23::jsonb FROM s)
             SELECT reference FROM s`,
            [
              randomUUID(), candidate, input.sessionKey, e.householdId, input.nationalId, maskId(input.nationalId), e.category, e.tier,
              e.incentivePercent, input.companyId, input.productId, input.agentId, String(priceRwf), String(incentiveRwf),
              ...LOCATION_FIELDS.map((f) => location[f]), registeredAt, reservedUntil, e.voucherNumber ?? null, JSON.stringify(record),
              organisationId,
            ],
          );
          if (inserted.length === 1) reference = candidate;
        }
        if (reference === null) throw new Error('no free sale reference after several tries');
        return { kind: 'registered' as const, reference, incentiveRwf, priceRwf, reservedUntil };
      });
      this.worker.nudge();
      this.logger.log({ msg: 'sale registered', reference: registered.reference, tier: e.tier, incentiveRwf: registered.incentiveRwf, nationalId: maskId(input.nationalId) });
      return this.counted(registered);
    } catch (err) {
      if (err instanceof RegistrationRefused) return this.counted(err.result);
      if (isUniqueViolation(err)) {
        // The same session's final hop arrived twice at once: the other one registered it (Postgres may
        // report either the session's or the household's index for that).
        const again = await this.findBySession(input.sessionKey);
        if (again) return this.counted(again);
        if (isUniqueViolation(err, 'sales_organisation_household_active_uq')) return this.counted({ kind: 'blocked' });
      }
      throw err;
    }
  }

  /**
   * At installation. The reference must be a pending sale of one of the agent's companies, and the
   * household ID or voucher typed must be that sale's. Then one statement: the sale confirmed (only if
   * still pending: a double confirm counts once), its reservation moved to spent, the OMIS confirmation
   * queued. An expired or rejected sale (OMIS refused its registration) is `unknown_reference`: only
   * `pending_installation` is ever confirmed, and the UPDATE re-checks that under the row lock.
   */
  async confirmSale(input: ConfirmSaleInput): Promise<ConfirmSaleResult> {
    const reference = (input.reference ?? '').replace(/\s+/g, '');
    if (!isValidSaleReference(reference)) return this.confirmed({ kind: 'unknown_reference' });
    const [sale] = await preparedQuery<{ id: string; status: string; household_id: string; voucher_number: string | null; open: boolean; allowed: boolean }>(
      this.ds,
      `SELECT s.id, s.status, s.household_id, s.voucher_number, s.reserved_until > now() AS open, a.active AND c.active AS allowed
         FROM sales s
         JOIN agent_companies ac ON ac.company_id = s.company_id AND ac.agent_id = $2
         JOIN agents a ON a.id = ac.agent_id
         JOIN companies c ON c.id = s.company_id
        WHERE s.reference = $1 AND s.organisation_id = $3 AND a.organisation_id = $3`,
      [reference, input.agentId, input.organisationId],
    );
    if (!sale) return this.confirmed({ kind: 'unknown_reference' });
    // Deactivated since the session checked the PIN (the agent, or the company the sale is for).
    if (!sale.allowed) return this.confirmed({ kind: 'not_agent' });
    const typed = (input.householdIdOrVoucher ?? '').replace(/\s+/g, '');
    const matches = typed !== '' && (typed === sale.household_id || typed === sale.voucher_number);
    // "Already used" only for the household the sale is for: a wrong ID typed against a confirmed reference
    // is a mismatch, so the agent re-checks what they typed.
    if (sale.status === 'confirmed') return this.confirmed({ kind: matches ? 'already_used' : 'mismatch' });
    if (sale.status !== 'pending_installation' || !sale.open) return this.confirmed({ kind: 'unknown_reference' });

    // No other confirmed sale of the household can exist beside this pending one: the unique index on
    // (household_id) over pending and confirmed sales forbids it.
    if (!matches) return this.confirmed({ kind: 'mismatch' });

    const confirmedAt = new Date();
    const payload: OmisConfirmation = { householdId: sale.household_id, confirmedAt: confirmedAt.toISOString() };
    const [done] = await preparedQuery<{ incentive_rwf: string }>(
      this.ds,
      `WITH s AS (
         UPDATE sales SET status = 'confirmed', confirmed_at = $2,
                omis_status = CASE WHEN omis_status = 'rejected' THEN 'rejected' ELSE 'pending' END
          WHERE id = $1 AND status = 'pending_installation' AND reserved_until > now()
          RETURNING reference, tier, incentive_rwf, organisation_id),
       b AS (
         UPDATE budgets SET reserved_rwf = budgets.reserved_rwf - s.incentive_rwf, spent_rwf = budgets.spent_rwf + s.incentive_rwf, updated_at = now()
           FROM s WHERE budgets.organisation_id = s.organisation_id AND budgets.tier = s.tier),
       o AS (INSERT INTO omis_outbox (organisation_id, sale_reference, kind, payload) SELECT s.organisation_id, s.reference, 'confirm', $3::jsonb FROM s)
       SELECT incentive_rwf FROM s`,
      [sale.id, confirmedAt, JSON.stringify(payload)],
    );
    if (!done) {
      // Someone else moved it first: confirmed by a parallel request, or expired just now.
      const [now] = await preparedQuery<{ status: string }>(this.ds, `SELECT status FROM sales WHERE id = $1`, [sale.id]);
      return this.confirmed(now?.status === 'confirmed' ? { kind: 'already_used' } : { kind: 'unknown_reference' });
    }
    this.worker.nudge();
    this.logger.log({ msg: 'sale confirmed', reference });
    return this.confirmed({ kind: 'confirmed', reference, incentiveRwf: toSafeInteger(done.incentive_rwf) });
  }

  private async findBySession(sessionKey: string): Promise<RegisterSaleResult | null> {
    const [row] = await preparedQuery<{ reference: string; incentive_rwf: string; price_rwf: string; reserved_until: Date }>(
      this.ds,
      `SELECT reference, incentive_rwf, price_rwf, reserved_until FROM sales WHERE session_key = $1`,
      [sessionKey],
    );
    if (!row) return null;
    return {
      kind: 'already_registered',
      reference: row.reference,
      incentiveRwf: toSafeInteger(row.incentive_rwf),
      priceRwf: toSafeInteger(row.price_rwf),
      reservedUntil: row.reserved_until,
    };
  }

  private counted(result: RegisterSaleResult): RegisterSaleResult {
    salesRegistered.inc({ result: result.kind });
    return result;
  }

  private confirmed(result: ConfirmSaleResult): ConfirmSaleResult {
    salesConfirmed.inc({ result: result.kind });
    return result;
  }
}

/** What the USSD layer should never send; answered `invalid` rather than a database error. */
function inputProblem(input: RegisterSaleInput): string | null {
  const e = input.eligibility;
  if (typeof input.sessionKey !== 'string' || input.sessionKey.length === 0 || input.sessionKey.length > 160) return 'sessionKey must be 1..160 characters';
  if (!isUUID(input.organisationId ?? '')) return 'organisationId must be a UUID';
  if (!isUUID(input.agentId ?? '') || !isUUID(input.companyId ?? '') || !isUUID(input.productId ?? '')) return 'agentId, companyId and productId must be UUIDs';
  if (!/^\d{16}$/.test(input.nationalId ?? '')) return 'nationalId must be 16 digits';
  if (!e || e.kind !== 'eligible') return 'the household was not found eligible';
  if (!Number.isInteger(e.tier) || e.tier < 1 || e.tier > 9) return 'tier must be 1..9';
  if (!Number.isInteger(e.incentivePercent) || e.incentivePercent < 1 || e.incentivePercent > 100) return 'incentivePercent must be 1..100';
  if (typeof e.householdId !== 'string' || e.householdId.length === 0 || e.householdId.length > 32) return 'householdId must be 1..32 characters';
  if (typeof e.category !== 'string' || e.category.length === 0 || e.category.length > 8) return 'category must be 1..8 characters';
  if (e.voucherNumber !== undefined && e.voucherNumber !== null && (typeof e.voucherNumber !== 'string' || e.voucherNumber.length > 16)) return 'voucherNumber must be at most 16 characters';
  for (const f of LOCATION_FIELDS) {
    const v = input.location?.[f];
    if (typeof v !== 'string' || v.trim() === '' || v.trim().length > 64) return `location.${f} must be 1..64 characters`;
  }
  return null;
}
