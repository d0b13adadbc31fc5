import { Injectable } from '@nestjs/common';
import { isNationalIdFormat } from './domain/national-id';
import { OmisSale, OngoingSale } from './domain/omis-sale-book';
import { CancelSaleDto } from './dto/cancel-sale.dto';
import { ConfirmSaleDto } from './dto/confirm-sale.dto';
import { RegisterSaleDto, SALE_REFERENCE } from './dto/register-sale.dto';
import { nationalSystemError, parseNationalSystemBody } from './national-system-reply';
import { RwandaStore } from './rwanda.store';

export interface OmisStatusJson {
  nationalId: string;
  householdId: string | null;
  subsidised: boolean;
  installedAt: string | null;
  ongoingSale: OngoingSale | null;
  repossession: boolean;
  voucherNumber: string | null;
}

/**
 * OMIS (off-grid sales registry): household status, and sales registered, confirmed or cancelled. Every
 * write that passed authentication is counted per reference before anything else, so a test can tell
 * how often Limye reached OMIS for a sale.
 */
@Injectable()
export class OmisService {
  constructor(private readonly store: RwandaStore) {}

  status(nationalId: unknown): OmisStatusJson {
    if (typeof nationalId !== 'string' || !isNationalIdFormat(nationalId)) {
      throw nationalSystemError(400, 'invalid_national_id', 'nationalId must be 16 digits');
    }
    const h = this.store.population.householdOf(nationalId);
    if (!h) return { nationalId, householdId: null, subsidised: false, installedAt: null, ongoingSale: null, repossession: false, voucherNumber: null };
    const s = this.store.householdStatus(h.householdId);
    return { nationalId, householdId: h.householdId, ...s, voucherNumber: h.voucherNumber };
  }

  /** `created` tells the controller to answer 201 rather than 200. */
  register(reference: string, body: unknown): { created: boolean; sale: OmisSale } {
    this.store.countRequest(reference, 'put');
    if (this.store.isRegistrationRefused(reference)) throw householdBlocked();
    if (!SALE_REFERENCE.test(reference)) throw invalid('reference', 'reference must be 1 to 64 letters, digits, "_" or "-"');
    const dto = parseNationalSystemBody(RegisterSaleDto, body);
    if (dto.reference !== reference) throw invalid('reference', 'reference in the body differs from the one in the path');
    if (dto.incentiveRwf > dto.priceRwf) throw invalid('incentiveRwf', 'incentiveRwf must not exceed priceRwf');
    const result = this.store.sales.register({
      reference: dto.reference,
      householdId: dto.householdId,
      nationalId: dto.nationalId,
      companyCode: dto.companyCode,
      productCode: dto.productCode,
      priceRwf: dto.priceRwf,
      incentiveRwf: dto.incentiveRwf,
      category: dto.category,
      tier: dto.tier,
      location: {
        province: dto.location.province,
        district: dto.location.district,
        sector: dto.location.sector,
        cell: dto.location.cell,
        village: dto.location.village,
      },
      registeredAt: dto.registeredAt,
    });
    switch (result.kind) {
      case 'created':
        return { created: true, sale: result.sale };
      case 'existing':
        return { created: false, sale: result.sale };
      case 'unknown_household':
        throw invalid('householdId', 'no household with this householdId');
      case 'not_a_member':
        throw invalid('nationalId', 'nationalId is not a member of the household');
      case 'household_blocked':
        throw householdBlocked();
    }
  }

  confirm(reference: string, body: unknown): OmisSale {
    this.store.countRequest(reference, 'confirmation');
    const dto = parseNationalSystemBody(ConfirmSaleDto, body);
    const result = this.store.sales.confirm(reference, dto.householdId, dto.confirmedAt);
    switch (result.kind) {
      case 'confirmed':
      case 'already_confirmed':
        return result.sale;
      case 'not_found':
        throw saleNotFound();
      case 'household_mismatch':
        throw nationalSystemError(409, 'household_mismatch', 'the sale belongs to another household');
      case 'sale_cancelled':
        throw nationalSystemError(409, 'sale_cancelled', 'the sale was cancelled');
    }
  }

  cancel(reference: string, body: unknown): OmisSale {
    this.store.countRequest(reference, 'cancellation');
    const dto = parseNationalSystemBody(CancelSaleDto, body);
    const result = this.store.sales.cancel(reference, dto.reason, new Date().toISOString());
    switch (result.kind) {
      case 'cancelled':
      case 'already_cancelled':
        return result.sale;
      case 'not_found':
        throw saleNotFound();
      case 'sale_installed':
        throw nationalSystemError(409, 'sale_installed', 'the sale was already confirmed as installed');
    }
  }

  sale(reference: string): OmisSale {
    const found = this.store.sales.sale(reference);
    if (!found) throw saleNotFound();
    return found;
  }
}

function invalid(field: string, message: string) {
  return nationalSystemError(400, 'invalid_request', `${field}: ${message}`, { fields: [field] });
}

function householdBlocked() {
  return nationalSystemError(409, 'household_blocked', 'the household has another sale pending or installed, or a repossession open');
}

function saleNotFound() {
  return nationalSystemError(404, 'not_found', 'no sale with this reference');
}
