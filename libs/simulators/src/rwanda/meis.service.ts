import { Injectable } from '@nestjs/common';
import { isNationalIdFormat } from './domain/national-id';
import { RwandaLocation } from './domain/rwanda-locations';
import { nationalSystemError } from './national-system-reply';
import { RwandaStore } from './rwanda.store';

export interface MeisPersonJson {
  nationalId: string;
  householdId: string;
  isHouseholdHead: boolean;
  household: { householdId: string; headNationalId: string; category: string; memberCount: number; location: RwandaLocation };
}

/** MEIS (LODA household registry): a person's household. */
@Injectable()
export class MeisService {
  constructor(private readonly store: RwandaStore) {}

  person(nationalId: string): MeisPersonJson {
    if (!isNationalIdFormat(nationalId)) throw nationalSystemError(400, 'invalid_national_id', 'a national ID is 16 digits');
    const h = this.store.population.householdOf(nationalId);
    if (!h) throw nationalSystemError(404, 'not_found', 'no person with this national ID');
    return {
      nationalId,
      householdId: h.householdId,
      isHouseholdHead: h.memberIds[0] === nationalId,
      household: {
        householdId: h.householdId,
        headNationalId: h.memberIds[0],
        category: h.category,
        memberCount: h.memberIds.length,
        location: { ...h.location },
      },
    };
  }
}
