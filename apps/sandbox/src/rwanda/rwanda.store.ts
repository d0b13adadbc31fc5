import { Injectable } from '@nestjs/common';
import { randomInt } from 'crypto';
import { readFileSync } from 'fs';
import { defaultRwandaLocationsFile } from '@limye/platform';
import { SandboxEnv } from '../config/sandbox.env';
import { unusedNationalIds } from './domain/national-id';
import { OmisHouseholdStatus, OmisSaleBook, OngoingSale } from './domain/omis-sale-book';
import { generateRwandaHouseholds } from './domain/population-generator';
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
 * The state both national-system simulators share: the MEIS population (generated from the seed) and
 * OMIS's sales over it, plus how many write requests reached OMIS per sale reference.
 */
@Injectable()
export class RwandaStore {
  readonly population: RwandaPopulation;
  sales: OmisSaleBook;
  private requests = new Map<string, OmisRequestCounts>();

  constructor(env: SandboxEnv) {
    // Generated once: a fixed seed gives the same households every time, and nothing changes them
    // (sales live in the sale book), so a reset need not generate them again.
    this.population = new RwandaPopulation(
      generateRwandaHouseholds({
        seed: env.SANDBOX_RWANDA_SEED,
        households: env.SANDBOX_RWANDA_HOUSEHOLDS,
        locations: loadLocations(env.RWANDA_LOCATIONS_FILE || defaultRwandaLocationsFile()),
      }),
    );
    this.reset();
  }

  /** Back to the seeded OMIS history; sales made through the API, and request counts, are gone. */
  reset(): void {
    this.sales = new OmisSaleBook(this.population);
    this.requests = new Map();
  }

  countRequest(reference: string, kind: OmisRequestKind): void {
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
