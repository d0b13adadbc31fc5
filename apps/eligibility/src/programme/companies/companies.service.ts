import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'crypto';
import { isUUID } from 'class-validator';
import { DataSource, Repository } from 'typeorm';
import { DomainError, toSafeInteger } from '@limye/contracts';
import { AuditRecorder, fieldError, preparedQuery, Principal, returnedRows } from '@limye/platform';
import { incentiveCapProblem } from '../domain/programme-rules';
import type { ProductView } from '../rbf-programme.port';
import { isUniqueViolation, ProgrammeErrors } from '../programme.errors';
import { CreateCompanyRequest, CreateProductRequest, UpdateCompanyRequest, UpdateProductRequest } from './company.requests';
import { Company } from './company.entity';
import { Product } from './product.entity';

/** How long the active products' price points are reused by eligibility checks. */
const PRICE_POINTS_TTL_MS = 5_000;

/**
 * Companies and their products: the admin API's writes and the USSD menu's product list. Every method acts
 * within one organisation: another organisation's company or product is not found (404).
 */
@Injectable()
export class CompaniesService {
  constructor(
    @InjectRepository(Company) private readonly companies: Repository<Company>,
    @InjectRepository(Product) private readonly products: Repository<Product>,
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditRecorder,
  ) {}

  /** Per organisation (see activePricePoints). */
  private readonly pricePoints = new Map<string, { at: number; value: Array<{ priceRwf: number; incentiveCapRwf: number }> }>();

  async createCompany(organisationId: string, req: CreateCompanyRequest, caller?: Principal): Promise<Company> {
    const company = this.companies.create({ id: randomUUID(), organisationId, code: req.code, name: req.name, active: true });
    try {
      await this.audit.change(async (em) => {
        await em.insert(Company, company);
        return { result: null, audit: { actor: caller, action: 'company.registered', target: { type: 'company', id: company.id }, before: null, after: companyAudit(company), mask: NOT_A_PERSON } };
      });
    } catch (err) {
      if (isUniqueViolation(err, 'companies_organisation_code_uq')) throw new DomainError(ProgrammeErrors.companyCodeTaken, `a company with code ${req.code} exists`, 409);
      throw err;
    }
    return this.getCompany(organisationId, company.id);
  }

  listCompanies(organisationId: string): Promise<Company[]> {
    return this.companies.find({ where: { organisationId }, order: { code: 'ASC' } });
  }

  async getCompany(organisationId: string, id: string): Promise<Company> {
    const company = await this.companies.findOneBy({ id, organisationId });
    if (!company) throw new DomainError(ProgrammeErrors.companyNotFound, `no company ${id}`, 404);
    return company;
  }

  async updateCompany(organisationId: string, id: string, req: UpdateCompanyRequest, caller?: Principal): Promise<Company> {
    await this.getCompany(organisationId, id);
    const changes: Partial<Company> = { updatedAt: new Date() };
    if (req.name !== undefined) changes.name = req.name;
    if (req.active !== undefined) changes.active = req.active;
    await this.audit.change(async (em) => {
      const before = await em.findOneOrFail(Company, { where: { id, organisationId }, lock: { mode: 'pessimistic_write' } });
      await em.update(Company, { id, organisationId }, changes);
      const after = await em.findOneByOrFail(Company, { id, organisationId });
      return { result: null, audit: { actor: caller, action: 'company.updated', target: { type: 'company', id }, before: companyAudit(before), after: companyAudit(after), mask: NOT_A_PERSON } };
    });
    this.pricePoints.delete(organisationId);
    return this.getCompany(organisationId, id);
  }

  async createProduct(organisationId: string, companyId: string, req: CreateProductRequest, caller?: Principal): Promise<Product> {
    const capProblem = incentiveCapProblem(req);
    if (capProblem) throw fieldError('incentiveCapRwf', capProblem);
    await this.getCompany(organisationId, companyId);
    const product = this.products.create({
      id: randomUUID(),
      organisationId,
      companyId,
      code: req.code,
      name: req.name,
      priceRwf: req.priceRwf,
      incentiveCapRwf: req.incentiveCapRwf,
      active: true,
    });
    try {
      await this.audit.change(async (em) => {
        await em.insert(Product, product);
        return { result: null, audit: { actor: caller, action: 'product.registered', target: { type: 'product', id: product.id }, before: null, after: productAudit(product), mask: NOT_A_PERSON } };
      });
    } catch (err) {
      if (isUniqueViolation(err, 'products_company_code_uq')) {
        throw new DomainError(ProgrammeErrors.productCodeTaken, `the company already has a product ${req.code}`, 409);
      }
      throw err;
    }
    this.pricePoints.delete(organisationId);
    return this.getProduct(organisationId, product.id);
  }

  async listCompanyProducts(organisationId: string, companyId: string): Promise<Product[]> {
    await this.getCompany(organisationId, companyId);
    return this.products.find({ where: { companyId, organisationId }, order: { code: 'ASC' } });
  }

  async getProduct(organisationId: string, id: string): Promise<Product> {
    const product = await this.products.findOneBy({ id, organisationId });
    if (!product) throw new DomainError(ProgrammeErrors.productNotFound, `no product ${id}`, 404);
    return product;
  }

  /**
   * A new price applies to sales registered from now on; registered sales keep theirs. A PATCH giving the
   * price or the cap must leave the cap at most the price, the one not given being the stored one (a PATCH
   * of only the name or `active` is not refused for an older product that breaks it). Checked in the
   * UPDATE itself, so two PATCHes racing (one lowering the price, one raising the cap) cannot both pass.
   */
  async updateProduct(organisationId: string, id: string, req: UpdateProductRequest, caller?: Principal): Promise<Product> {
    const updated = await this.audit.change(async (em) => {
      const before = await em.findOne(Product, { where: { id, organisationId }, lock: { mode: 'pessimistic_write' } });
      const rows = returnedRows<{ id: string }>(
      await em.query(
        `UPDATE products
            SET name = COALESCE($2, name), price_rwf = COALESCE($3::bigint, price_rwf),
                incentive_cap_rwf = COALESCE($4::bigint, incentive_cap_rwf), active = COALESCE($5::boolean, active), updated_at = now()
          WHERE id = $1 AND organisation_id = $6 AND (($3::bigint IS NULL AND $4::bigint IS NULL) OR COALESCE($4::bigint, incentive_cap_rwf) <= COALESCE($3::bigint, price_rwf))
          RETURNING id`,
        [id, req.name ?? null, req.priceRwf === undefined ? null : String(req.priceRwf), req.incentiveCapRwf === undefined ? null : String(req.incentiveCapRwf), req.active ?? null, organisationId],
      ),
      );
      const after = rows.length > 0 ? await em.findOneByOrFail(Product, { id, organisationId }) : null;
      const audit = before && after ? { actor: caller, action: 'product.updated', target: { type: 'product', id }, before: productAudit(before), after: productAudit(after), mask: NOT_A_PERSON } : null;
      return { result: rows, audit };
    });
    if (updated.length === 0) {
      const stored = await this.getProduct(organisationId, id); // 404 when there is no such product (in this organisation)
      const capProblem = incentiveCapProblem({ priceRwf: req.priceRwf ?? stored.priceRwf, incentiveCapRwf: req.incentiveCapRwf ?? stored.incentiveCapRwf });
      // Without a problem now, a concurrent PATCH changed it in between: the caller may simply try again.
      throw fieldError('incentiveCapRwf', capProblem ?? 'must not be more than priceRwf');
    }
    this.pricePoints.delete(organisationId);
    return this.getProduct(organisationId, id);
  }

  /** What the USSD menu offers: active products of an active company of the organisation, cheapest first. */
  async listActiveProducts(organisationId: string, companyId: string): Promise<ProductView[]> {
    if (!isUUID(companyId)) return [];
    const rows = await preparedQuery<{ id: string; code: string; name: string; price_rwf: string; incentive_cap_rwf: string }>(
      this.ds,
      `SELECT p.id, p.code, p.name, p.price_rwf, p.incentive_cap_rwf
         FROM products p JOIN companies c ON c.id = p.company_id
        WHERE p.company_id = $1 AND c.organisation_id = $2 AND p.active AND c.active
        ORDER BY p.price_rwf, p.code, p.id`,
      [companyId, organisationId],
    );
    return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, priceRwf: toSafeInteger(r.price_rwf), incentiveCapRwf: toSafeInteger(r.incentive_cap_rwf) }));
  }

  /**
   * Distinct (price, cap) pairs of every active product of an active company of the organisation: what an
   * incentive may need there.
   * Asked on every eligibility check, changed only through the admin API: cached for PRICE_POINTS_TTL_MS
   * (another replica's admin change shows after at most that), dropped at once on a change here.
   */
  async activePricePoints(organisationId: string): Promise<Array<{ priceRwf: number; incentiveCapRwf: number }>> {
    const now = Date.now();
    const cached = this.pricePoints.get(organisationId);
    if (cached && cached.at > now - PRICE_POINTS_TTL_MS) return cached.value;
    const value = await this.loadPricePoints(organisationId);
    this.pricePoints.set(organisationId, { at: now, value });
    return value;
  }

  private async loadPricePoints(organisationId: string): Promise<Array<{ priceRwf: number; incentiveCapRwf: number }>> {
    const rows = await preparedQuery<{ price_rwf: string; incentive_cap_rwf: string }>(
      this.ds,
      `SELECT DISTINCT p.price_rwf, p.incentive_cap_rwf
         FROM products p JOIN companies c ON c.id = p.company_id
        WHERE c.organisation_id = $1 AND p.active AND c.active`,
      [organisationId],
    );
    return rows.map((r) => ({ priceRwf: toSafeInteger(r.price_rwf), incentiveCapRwf: toSafeInteger(r.incentive_cap_rwf) }));
  }
}

/** A company's or a product's name is not a person's: kept in audit rows. */
const NOT_A_PERSON = { keep: ['name'] };

function companyAudit(c: Company) {
  return { id: c.id, code: c.code, name: c.name, active: c.active };
}

function productAudit(p: Product) {
  return { id: p.id, companyId: p.companyId, code: p.code, name: p.name, priceRwf: p.priceRwf, incentiveCapRwf: p.incentiveCapRwf, active: p.active };
}
