import { RwandaLocation } from './rwanda-locations';
import { RwandaPopulation } from './rwanda-population';

export type OmisSaleStatus = 'pending_installation' | 'installed' | 'cancelled';

/** A sale as OMIS records it (docs/national-systems.md). */
export interface OmisSale {
  reference: string;
  householdId: string;
  nationalId: string;
  companyCode: string;
  productCode: string;
  priceRwf: number;
  incentiveRwf: number;
  category: string;
  tier: number;
  location: RwandaLocation;
  status: OmisSaleStatus;
  registeredAt: string;
  confirmedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  vouchersUsed: number;
}

export type SaleRegistration = Pick<
  OmisSale,
  'reference' | 'householdId' | 'nationalId' | 'companyCode' | 'productCode' | 'priceRwf' | 'incentiveRwf' | 'category' | 'tier' | 'location' | 'registeredAt'
>;

export interface OngoingSale {
  reference: string;
  companyCode: string;
  registeredAt: string;
}

/** A household's subsidy status as OMIS reports it. */
export interface OmisHouseholdStatus {
  subsidised: boolean;
  installedAt: string | null;
  ongoingSale: OngoingSale | null;
  repossession: boolean;
}

export type RegisterResult =
  | { kind: 'created' | 'existing'; sale: OmisSale }
  | { kind: 'unknown_household' | 'not_a_member' | 'household_blocked' };

export type ConfirmResult =
  | { kind: 'confirmed' | 'already_confirmed'; sale: OmisSale }
  | { kind: 'not_found' | 'household_mismatch' | 'sale_cancelled' };

export type CancelResult =
  | { kind: 'cancelled' | 'already_cancelled'; sale: OmisSale }
  | { kind: 'not_found' | 'sale_installed' };

/** Mutable OMIS facts of one household; only households with some history have one. */
interface HouseholdState {
  installedAt: string | null;
  repossession: boolean;
  /** The sale pending installation, which blocks every other sale of the household. */
  pendingReference: string | null;
}

/**
 * OMIS's sales over the MEIS population: registration, confirmation at installation, cancellation, and
 * the household status they produce. Every write is idempotent on the sale reference; every lookup is a
 * map access, so the simulator keeps up with a benchmark.
 */
export class OmisSaleBook {
  private readonly sales = new Map<string, OmisSale>();
  private readonly households = new Map<string, HouseholdState>();

  constructor(private readonly population: RwandaPopulation) {
    for (const h of population.households) {
      const history = h.omisHistory;
      switch (history.kind) {
        case 'none':
          break;
        case 'subsidised':
          this.households.set(h.householdId, { installedAt: history.installedAt, repossession: false, pendingReference: null });
          break;
        case 'repossession':
          this.households.set(h.householdId, { installedAt: null, repossession: true, pendingReference: null });
          break;
        case 'ongoing_sale': {
          const s = history.sale;
          this.sales.set(s.reference, {
            ...s,
            householdId: h.householdId,
            nationalId: h.memberIds[0],
            category: h.category,
            location: { ...h.location },
            status: 'pending_installation',
            confirmedAt: null,
            cancelledAt: null,
            cancelReason: null,
            vouchersUsed: 0,
          });
          this.households.set(h.householdId, { installedAt: null, repossession: false, pendingReference: s.reference });
          break;
        }
      }
    }
  }

  status(householdId: string): OmisHouseholdStatus {
    const state = this.households.get(householdId);
    const pending = state?.pendingReference ? this.sales.get(state.pendingReference) : undefined;
    return {
      subsidised: state?.installedAt != null,
      installedAt: state?.installedAt ?? null,
      ongoingSale: pending ? { reference: pending.reference, companyCode: pending.companyCode, registeredAt: pending.registeredAt } : null,
      repossession: state?.repossession ?? false,
    };
  }

  sale(reference: string): OmisSale | undefined {
    const found = this.sales.get(reference);
    return found && copy(found);
  }

  /**
   * Records a sale pending installation. The same reference again answers the sale as first recorded
   * (a caller's retry), whatever the new body says.
   */
  register(input: SaleRegistration): RegisterResult {
    const existing = this.sales.get(input.reference);
    if (existing) return { kind: 'existing', sale: copy(existing) };
    const household = this.population.household(input.householdId);
    if (!household) return { kind: 'unknown_household' };
    if (!household.memberIds.includes(input.nationalId)) return { kind: 'not_a_member' };
    const state = this.households.get(input.householdId);
    if (state && (state.installedAt !== null || state.repossession || state.pendingReference !== null)) return { kind: 'household_blocked' };

    const sale: OmisSale = {
      ...input,
      location: { ...input.location },
      status: 'pending_installation',
      confirmedAt: null,
      cancelledAt: null,
      cancelReason: null,
      vouchersUsed: 0,
    };
    this.sales.set(sale.reference, sale);
    this.households.set(input.householdId, { installedAt: null, repossession: false, pendingReference: sale.reference });
    return { kind: 'created', sale: copy(sale) };
  }

  /** Installation: the household becomes subsidised and every member's voucher is used. Applied once. */
  confirm(reference: string, householdId: string, confirmedAt: string): ConfirmResult {
    const sale = this.sales.get(reference);
    if (!sale) return { kind: 'not_found' };
    if (sale.householdId !== householdId) return { kind: 'household_mismatch' };
    if (sale.status === 'cancelled') return { kind: 'sale_cancelled' };
    if (sale.status === 'installed') return { kind: 'already_confirmed', sale: copy(sale) };

    sale.status = 'installed';
    sale.confirmedAt = confirmedAt;
    sale.vouchersUsed = this.population.household(householdId)?.memberIds.length ?? 1;
    const state = this.households.get(householdId);
    this.households.set(householdId, { installedAt: confirmedAt, repossession: state?.repossession ?? false, pendingReference: null });
    return { kind: 'confirmed', sale: copy(sale) };
  }

  /** The reservation ran out: the household is free for another sale. Applied once. */
  cancel(reference: string, reason: string, cancelledAt: string): CancelResult {
    const sale = this.sales.get(reference);
    if (!sale) return { kind: 'not_found' };
    if (sale.status === 'installed') return { kind: 'sale_installed' };
    if (sale.status === 'cancelled') return { kind: 'already_cancelled', sale: copy(sale) };

    sale.status = 'cancelled';
    sale.cancelledAt = cancelledAt;
    sale.cancelReason = reason;
    const state = this.households.get(sale.householdId);
    if (state?.pendingReference === reference) state.pendingReference = null;
    return { kind: 'cancelled', sale: copy(sale) };
  }
}

function copy(sale: OmisSale): OmisSale {
  return { ...sale, location: { ...sale.location } };
}
