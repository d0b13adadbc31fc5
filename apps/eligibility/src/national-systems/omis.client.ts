import type { WriteAnswer } from '../programme/domain/omis-outbox-rules';
import type { OmisStatusAnswer } from './domain/national-system-answers';
import type { LookupOptions } from './meis.client';

/** DI token of the OMIS client (tests may provide their own). */
export const OMIS_CLIENT = Symbol('OMIS_CLIENT');

export interface OmisLocation {
  province: string;
  district: string;
  sector: string;
  cell: string;
  village: string;
}

/** Body of PUT /v1/sales/{reference}. */
export interface OmisSaleRecord {
  reference: string;
  householdId: string;
  nationalId: string;
  companyCode: string;
  productCode: string;
  priceRwf: number;
  incentiveRwf: number;
  category: string;
  tier: number;
  location: OmisLocation;
  registeredAt: string;
}

/** Body of POST /v1/sales/{reference}/confirmation. */
export interface OmisConfirmation {
  householdId: string;
  confirmedAt: string;
}

/** Body of POST /v1/sales/{reference}/cancellation. */
export interface OmisCancellation {
  reason: 'reservation_expired';
}

/** OMIS (off-grid sales registry), as docs/national-systems.md describes it. Never throws. */
export interface OmisClient {
  householdStatus(nationalId: string, opts: LookupOptions): Promise<OmisStatusAnswer>;
  recordSale(reference: string, body: OmisSaleRecord): Promise<WriteAnswer>;
  confirmSale(reference: string, body: OmisConfirmation): Promise<WriteAnswer>;
  cancelSale(reference: string, body: OmisCancellation): Promise<WriteAnswer>;
}
