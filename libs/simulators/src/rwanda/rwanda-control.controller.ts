import { Controller, Get, Param, Query } from '@nestjs/common';
import { OmisSale } from './domain/omis-sale-book';
import { ListHouseholdsQuery } from './dto/list-households.query';
import { UnknownNationalIdsQuery } from './dto/unknown-national-ids.query';
import { HouseholdView, OmisRequestCounts, RwandaStore } from './rwanda.store';

/** Control API: find households to test with, people nobody knows, and what reached OMIS for a sale. */
@Controller('sandbox')
export class RwandaControlController {
  constructor(private readonly store: RwandaStore) {}

  @Get('rwanda/households')
  households(@Query() query: ListHouseholdsQuery): { total: number; households: HouseholdView[] } {
    return this.store.listHouseholds(query);
  }

  @Get('rwanda/unknown-national-ids')
  unknownNationalIds(@Query() query: UnknownNationalIdsQuery): { nationalIds: string[] } {
    return { nationalIds: this.store.unknownNationalIds(query.count ?? 5) };
  }

  @Get('omis/sales/:reference')
  sale(@Param('reference') reference: string): { sale: OmisSale | null; requests: OmisRequestCounts } {
    return { sale: this.store.sales.sale(reference) ?? null, requests: this.store.requestCounts(reference) };
  }
}
