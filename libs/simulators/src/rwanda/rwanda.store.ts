import { Injectable, OnModuleInit } from '@nestjs/common';
import { createHash, randomInt } from 'crypto';
import { readFileSync } from 'fs';
import { defaultRwandaLocationsFile } from '@limye/platform';
import { PersistentState, SimulatorStateStore, savedList } from '../state/state-store';
import { SimulatorsEnv } from '../simulators.env';
import { unusedNationalIds } from './domain/national-id';
import { CancelResult, OmisHouseholdStatus, OmisSaleBook, OmisWrite, OngoingSale, RegisterResult } from './domain/omis-sale-book';
import { generateRwandaHouseholds, OTHER_COMPANY, otherCompanySale } from './domain/population-generator';
import { RwandaHousehold } from './domain/rwanda-household';
import { flattenRwandaLocations, RwandaLocation } from './domain/rwanda-locations';
import { RwandaPopulation } from './domain/rwanda-population';
import { SeededRandom } from './domain/seeded-random';
import { HouseholdStatusFilter, ListHouseholdsQuery } from './dto/list-households.query';

export type OmisRequestKind = 'put' | 'confirmation' | 'cancellation';
export type OmisRequestCounts = Record<OmisRequestKind, number>;

export interface HouseholdView {
  householdId: string;
  category: string;
  headNationalId: string;
  members: { nationalId: string; isHead: boolean }[];
  memberCount: number;
  location: RwandaLocation;
  voucherNumber: string;
  omis: { subsidised: boolean; ongoingSale: OngoingSale | null; repossession: boolean };
}

/**
 * What a restart keeps (SANDBOX_STATE_DIR). The population is not saved: it is generated again from its
 * seed, and only OMIS's writes over it are kept and replayed. `population` says which population they
 * were made over, so that they are never replayed over another one.
 */
interface SavedRwanda {
  population: { seed: number; households: number; fingerprint: string };
  writes: OmisWrite[];
  requests: [reference: string, counts: OmisRequestCounts][];
}

/**
 * The state both national-system simulators share: the MEIS population (generated from the seed) and
 * OMIS's sales over it, plus how many write requests reached OMIS per sale reference.
 */
@Injectable()
export class RwandaStore implements PersistentState, OnModuleInit {
  readonly stateName = 'rwanda';
  readonly population: RwandaPopulation;
  sales: OmisSaleBook;
  private requests = new Map<string, OmisRequestCounts>();
  /** References whose registration OMIS answers 409 household_blocked, whatever its book says (not saved). */
  private refused = new Set<string>();
  /** What OMIS answers for a household's status instead of what its book says, field by field (not saved). */
  private statusOverrides = new Map<string, Partial<OmisHouseholdStatus>>();
  private readonly populationSettings: { seed: number; households: number };
  private fingerprint?: string;

  constructor(
    env: SimulatorsEnv,
    private readonly state: SimulatorStateStore,
  ) {
    this.populationSettings = { seed: env.SANDBOX_RWANDA_SEED, households: env.SANDBOX_RWANDA_HOUSEHOLDS };
    // Generated once: a fixed seed gives the same households every time, and nothing changes them
    // (sales live in the sale book), so a reset need not generate them again.
    this.population = new RwandaPopulation(
      generateRwandaHouseholds({
        seed: env.SANDBOX_RWANDA_SEED,
        households: env.SANDBOX_RWANDA_HOUSEHOLDS,
        locations: loadLocations(env.RWANDA_LOCATIONS_FILE || defaultRwandaLocationsFile()),
      }),
    );
    this.sales = new OmisSaleBook(this.population);
  }

  onModuleInit(): void {
    this.state.track(this);
  }

  /** Back to the seeded OMIS history; sales made through the API, and request counts, are gone. */
  reset(): void {
    this.sales = new OmisSaleBook(this.population);
    this.requests = new Map();
    this.refused = new Set();
    this.statusOverrides = new Map();
    this.state.changed(this);
  }

  /** The household's status as OMIS answers it: its book's, with any override on top. */
  householdStatus(householdId: string): OmisHouseholdStatus {
    const status = this.sales.status(householdId);
    const override = this.statusOverrides.get(householdId);
    return override ? { ...status, ...override } : status;
  }

  /** From now on OMIS answers these status fields for the household, whatever its book says (e.g. `{ ongoingSale: null }`). */
  overrideStatus(householdId: string, fields: Partial<OmisHouseholdStatus>): boolean {
    if (!this.population.household(householdId)) return false;
    this.statusOverrides.set(householdId, { ...this.statusOverrides.get(householdId), ...fields });
    return true;
  }

  clearStatusOverride(householdId: string): void {
    this.statusOverrides.delete(householdId);
  }

  /** From now on OMIS refuses this reference's registration (as if another company's sale got there first). */
  refuseRegistration(reference: string): void {
    this.refused.add(reference);
  }

  allowRegistration(reference: string): void {
    this.refused.delete(reference);
  }

  isRegistrationRefused(reference: string): boolean {
    return this.refused.has(reference);
  }

  /** OMIS's own staff cancel a sale (not a request to the API: not counted). */
  cancelSale(reference: string, reason: string): CancelResult {
    const result = this.sales.cancel(reference, reason, new Date().toISOString());
    if (result.kind === 'cancelled') this.state.changed(this);
    return result;
  }

  /** Another company registers a sale for the household (its head, pending installation); a random reference unless given. */
  registerOtherCompanySale(householdId: string, companyCode = OTHER_COMPANY, reference?: string): RegisterResult | { kind: 'reference_taken' } {
    const household = this.population.household(householdId);
    if (!household) return { kind: 'unknown_household' };
    if (reference !== undefined && this.sales.sale(reference)) return { kind: 'reference_taken' };
    let ref = reference ?? String(randomInt(10_000_000, 100_000_000));
    while (reference === undefined && this.sales.sale(ref)) ref = String(randomInt(10_000_000, 100_000_000));
    const result = this.sales.register(otherCompanySale(household, ref, companyCode, new Date().toISOString()));
    if (result.kind === 'created') this.state.changed(this);
    return result;
  }

  saveState(): SavedRwanda {
    return {
      population: { ...this.populationSettings, fingerprint: this.populationFingerprint() },
      writes: [...this.sales.writes()],
      requests: [...this.requests.entries()],
    };
  }

  loadState(saved: unknown): void {
    const s = (saved ?? {}) as Partial<SavedRwanda>;
    if (s.population?.fingerprint !== this.populationFingerprint()) {
      const was = `SANDBOX_RWANDA_SEED=${s.population?.seed}, SANDBOX_RWANDA_HOUSEHOLDS=${s.population?.households}`;
      const now = `SANDBOX_RWANDA_SEED=${this.populationSettings.seed}, SANDBOX_RWANDA_HOUSEHOLDS=${this.populationSettings.households}`;
      throw new Error(
        `its OMIS sales were made over another Rwanda population (${was}; this start: ${now}` +
          `${was === now ? ', but other households: another RWANDA_LOCATIONS_FILE or generator' : ''})`,
      );
    }
    const sales = new OmisSaleBook(this.population);
    sales.replay(savedList<OmisWrite>(s.writes, 'writes'));
    this.requests = new Map(savedList<[string, OmisRequestCounts]>(s.requests, 'requests'));
    this.sales = sales;
  }

  /**
   * Every OMIS write counts itself here before it changes anything, so this is also where the store
   * hears of the change (it saves later, after the write is done).
   */
  countRequest(reference: string, kind: OmisRequestKind): void {
    this.state.changed(this);
    let counts = this.requests.get(reference);
    if (!counts) {
      counts = { put: 0, confirmation: 0, cancellation: 0 };
      this.requests.set(reference, counts);
    }
    counts[kind] += 1;
  }

  requestCounts(reference: string): OmisRequestCounts {
    return { ...(this.requests.get(reference) ?? { put: 0, confirmation: 0, cancellation: 0 }) };
  }

  /** Households in generation order (stable across calls and resets), filtered by status and category. */
  listHouseholds(query: ListHouseholdsQuery): { total: number; households: HouseholdView[] } {
    const limit = query.limit ?? 10;
    const offset = query.offset ?? 0;
    const page: HouseholdView[] = [];
    let total = 0;
    for (const h of this.population.households) {
      if (query.category !== undefined && h.category !== query.category) continue;
      const status = this.sales.status(h.householdId);
      if (query.status !== undefined && statusOf(status) !== query.status) continue;
      if (total >= offset && page.length < limit) page.push(view(h, status));
      total += 1;
    }
    return { total, households: page };
  }

  /** Identifies the generated households, whatever produced them (seed, count, locations, generator code). */
  private populationFingerprint(): string {
    if (this.fingerprint === undefined) {
      const hash = createHash('sha256');
      for (const h of this.population.households) hash.update(JSON.stringify(h));
      this.fingerprint = hash.digest('base64url');
    }
    return this.fingerprint;
  }

  /** Plausible national IDs that belong to nobody in the population. */
  unknownNationalIds(count: number): string[] {
    return unusedNationalIds(count, (id) => this.population.householdOf(id) !== undefined, new SeededRandom(randomInt(0, 2 ** 32 - 1)));
  }
}

function statusOf(status: OmisHouseholdStatus): HouseholdStatusFilter {
  if (status.subsidised) return 'subsidised';
  if (status.ongoingSale) return 'ongoing_sale';
  if (status.repossession) return 'repossession';
  return 'eligible';
}

function view(h: RwandaHousehold, status: OmisHouseholdStatus): HouseholdView {
  return {
    householdId: h.householdId,
    category: h.category,
    headNationalId: h.memberIds[0],
    members: h.memberIds.map((nationalId, i) => ({ nationalId, isHead: i === 0 })),
    memberCount: h.memberIds.length,
    location: { ...h.location },
    voucherNumber: h.voucherNumber,
    omis: { subsidised: status.subsidised, ongoingSale: status.ongoingSale, repossession: status.repossession },
  };
}

function loadLocations(file: string): RwandaLocation[] {
  try {
    return flattenRwandaLocations(JSON.parse(readFileSync(file, 'utf8')));
  } catch (err) {
    throw new Error(`RWANDA_LOCATIONS_FILE: cannot use ${file}: ${(err as Error).message}`);
  }
}
