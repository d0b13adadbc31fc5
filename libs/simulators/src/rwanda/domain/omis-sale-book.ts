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

/**
 * One write that changed the book, with everything needed to apply it again: replaying a book's writes
 * over the same population gives the same book, which is how it is saved across restarts.
 */
export type OmisWrite =
  | { kind: 'register'; sale: SaleRegistration }
  | { kind: 'confirm'; reference: string; householdId: string; confirmedAt: string }
  | { kind: 'cancel'; reference: string; reason: string; cancelledAt: string };

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
  /** What changed the book since it was built from the population's seeded history, in order. */
  private readonly applied: OmisWrite[] = [];

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

  /** The writes that changed the book, in order; the live list: serialise it at once, do not keep it. */
  writes(): readonly OmisWrite[] {
    return this.applied;
  }

  /** Applies writes saved from a book over the same population; throws at the first that does not apply. */
  replay(writes: readonly OmisWrite[]): void {
    writes.forEach((w, i) => {
      const outcome = this.apply(w);
      if (outcome === 'created' || outcome === 'confirmed' || outcome === 'cancelled') return;
      const reference = w?.kind === 'register' ? w.sale?.reference : w?.reference;
      throw new Error(`OMIS write ${i + 1} of ${writes.length} (${String(w?.kind)} of sale ${String(reference)}) does not apply: ${outcome}`);
    });
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
    this.applied.push({ kind: 'register', sale: { ...input, location: { ...input.location } } });
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
    this.applied.push({ kind: 'confirm', reference, householdId, confirmedAt });
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
    this.applied.push({ kind: 'cancel', reference, reason, cancelledAt });
    return { kind: 'cancelled', sale: copy(sale) };
  }

  private apply(w: OmisWrite): string {
    switch (w?.kind) {
      case 'register':
        return this.register(w.sale).kind;
      case 'confirm':
        return this.confirm(w.reference, w.householdId, w.confirmedAt).kind;
      case 'cancel':
        return this.cancel(w.reference, w.reason, w.cancelledAt).kind;
      default:
        return 'not an OMIS write';
    }
  }
}

function copy(sale: OmisSale): OmisSale {
  return { ...sale, location: { ...sale.location } };
}
