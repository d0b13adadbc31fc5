import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, toSafeInteger } from '@limye/contracts';
import { ProgrammeErrors } from '../programme.errors';
import { SaleView } from './sale.views';

interface SaleRow {
  reference: string;
  status: string;
  household_id: string;
  national_id_masked: string;
  category: string;
  tier: number;
  incentive_percent: number;
  company_id: string;
  company_code: string;
  product_id: string;
  product_code: string;
  product_name: string;
  agent_id: string;
  agent_name: string;
  price_rwf: string;
  incentive_rwf: string;
  province: string;
  district: string;
  sector: string;
  cell: string;
  village: string;
  voucher_number: string | null;
  registered_at: Date;
  reserved_until: Date;
  confirmed_at: Date | null;
  expired_at: Date | null;
  rejected_at: Date | null;
  rejection_reason: string | null;
  omis_status: string;
}

// Never the full national ID.
const SALE_SELECT = `
  SELECT s.reference, s.status, s.household_id, s.national_id_masked, s.category, s.tier, s.incentive_percent,
         s.company_id, c.code AS company_code, s.product_id, p.code AS product_code, p.name AS product_name,
         s.agent_id, a.name AS agent_name, s.price_rwf, s.incentive_rwf,
         s.province, s.district, s.sector, s.cell, s.village, s.voucher_number,
         s.registered_at, s.reserved_until, s.confirmed_at, s.expired_at, s.rejected_at, s.rejection_reason, s.omis_status
    FROM sales s
    JOIN companies c ON c.id = s.company_id
    JOIN products p ON p.id = s.product_id
    JOIN agents a ON a.id = s.agent_id`;

/** Sales as programme staff read them: their own organisation's only (another's reference is a 404). */
@Injectable()
export class SalesQueryService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async list(organisationId: string, q: { status?: string; limit?: number; offset?: number }): Promise<{ items: SaleView[]; total: number; limit: number; offset: number }> {
    const limit = q.limit ?? 50;
    const offset = q.offset ?? 0;
    const where = `WHERE s.organisation_id = $3 AND ($4::varchar IS NULL OR s.status = $4)`;
    const rows: SaleRow[] = await this.ds.query(`${SALE_SELECT} ${where} ORDER BY s.registered_at DESC, s.reference LIMIT $1 OFFSET $2`, [limit, offset, organisationId, q.status ?? null]);
    const [{ count }] = await this.ds.query(`SELECT count(*)::int AS count FROM sales s WHERE s.organisation_id = $1 AND ($2::varchar IS NULL OR s.status = $2)`, [
      organisationId,
      q.status ?? null,
    ]);
    return { items: rows.map(toSaleView), total: count, limit, offset };
  }

  async get(organisationId: string, reference: string): Promise<SaleView> {
    const [row]: SaleRow[] = /^\d{8}$/.test(reference) ? await this.ds.query(`${SALE_SELECT} WHERE s.reference = $1 AND s.organisation_id = $2`, [reference, organisationId]) : [];
    if (!row) throw new DomainError(ProgrammeErrors.saleNotFound, `no sale ${reference}`, 404);
    return toSaleView(row);
  }
}

function iso(d: Date | null): string | null {
  return d ? new Date(d).toISOString() : null;
}

function toSaleView(r: SaleRow): SaleView {
  return {
    reference: r.reference,
    status: r.status,
    householdId: r.household_id,
    nationalIdMasked: r.national_id_masked,
    category: r.category,
    tier: Number(r.tier),
    incentivePercent: Number(r.incentive_percent),
    company: { id: r.company_id, code: r.company_code },
    product: { id: r.product_id, code: r.product_code, name: r.product_name },
    agent: { id: r.agent_id, name: r.agent_name },
    priceRwf: toSafeInteger(r.price_rwf),
    incentiveRwf: toSafeInteger(r.incentive_rwf),
    location: { province: r.province, district: r.district, sector: r.sector, cell: r.cell, village: r.village },
    voucherNumber: r.voucher_number,
    registeredAt: new Date(r.registered_at).toISOString(),
    reservedUntil: new Date(r.reserved_until).toISOString(),
    confirmedAt: iso(r.confirmed_at),
    expiredAt: iso(r.expired_at),
    rejectedAt: iso(r.rejected_at),
    rejectionReason: r.rejection_reason,
    omisStatus: r.omis_status,
  };
}
