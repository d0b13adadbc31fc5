import { RwandaHousehold } from './rwanda-household';

/** The generated households, indexed for O(1) lookups by household ID and by any member's national ID. */
export class RwandaPopulation {
  private readonly byHouseholdId = new Map<string, RwandaHousehold>();
  private readonly byNationalId = new Map<string, RwandaHousehold>();

  constructor(readonly households: readonly RwandaHousehold[]) {
    for (const h of households) {
      this.byHouseholdId.set(h.householdId, h);
      for (const id of h.memberIds) this.byNationalId.set(id, h);
    }
  }

  household(householdId: string): RwandaHousehold | undefined {
    return this.byHouseholdId.get(householdId);
  }

  householdOf(nationalId: string): RwandaHousehold | undefined {
    return this.byNationalId.get(nationalId);
  }
}
