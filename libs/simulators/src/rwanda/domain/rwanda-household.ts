import { RwandaLocation } from './rwanda-locations';

/** Social categories as MEIS holds them: legacy Ubudehe 1–4 (1 = poorest) or the 2020 categories A–E. */
export const SOCIAL_CATEGORIES = ['1', '2', '3', '4', 'A', 'B', 'C', 'D', 'E'] as const;
export type SocialCategory = (typeof SOCIAL_CATEGORIES)[number];

/** A sale another company registered in OMIS before the sandbox started (it blocks the household). */
export interface PreexistingSale {
  reference: string;
  companyCode: string;
  productCode: string;
  priceRwf: number;
  incentiveRwf: number;
  tier: number;
  registeredAt: string;
}

/** What OMIS knew of the household when the sandbox started. */
export type OmisHistory =
  | { kind: 'none' }
  | { kind: 'subsidised'; installedAt: string }
  | { kind: 'ongoing_sale'; sale: PreexistingSale }
  | { kind: 'repossession' };

/** A household of the simulated MEIS registry. Never changed after generation; OMIS state lives in the sale book. */
export interface RwandaHousehold {
  /** 10 digits, unique. */
  householdId: string;
  category: SocialCategory;
  /** National IDs of every member (all adults), the head first. */
  memberIds: string[];
  location: RwandaLocation;
  /** 8 digits, unique. */
  voucherNumber: string;
  omisHistory: OmisHistory;
}
