import { Body, ConflictException, Controller, Delete, Get, HttpCode, NotFoundException, Param, Post, Put, Query } from '@nestjs/common';
import { PublicRoute } from '@limye/platform';
import { OmisHouseholdStatus, OmisSale } from './domain/omis-sale-book';
import { ControlCancelSaleDto } from './dto/control-cancel-sale.dto';
import { ListHouseholdsQuery } from './dto/list-households.query';
import { OtherCompanySaleDto } from './dto/other-company-sale.dto';
import { StatusOverrideDto } from './dto/status-override.dto';
import { UnknownNationalIdsQuery } from './dto/unknown-national-ids.query';
import { HouseholdView, OmisRequestCounts, RwandaStore } from './rwanda.store';

/**
 * Control API: find households to test with, people nobody knows, and what reached OMIS for a sale; and
 * what happens in OMIS without the caller (another company's sale, OMIS staff cancelling one, a
 * registration OMIS will refuse).
 */
@PublicRoute('a simulator of the sandbox: plays an outside system (or its control API) for tests and demos, never deployed with real data')
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

  /** Another company's sale for the household, pending installation: the household is then blocked. */
  @Post('omis/sales')
  registerOtherCompanySale(@Body() dto: OtherCompanySaleDto): OmisSale {
    const result = this.store.registerOtherCompanySale(dto.householdId, dto.companyCode, dto.reference);
    switch (result.kind) {
      case 'created':
        return result.sale;
      case 'unknown_household':
        throw new NotFoundException(`no household ${dto.householdId}`);
      case 'reference_taken':
      case 'existing':
        throw new ConflictException(`OMIS already has a sale ${dto.reference}`);
      case 'household_blocked':
        throw new ConflictException(`household ${dto.householdId} has another sale pending or installed, or a repossession open`);
      case 'not_a_member':
        throw new Error('the head is a member of their household');
    }
  }

  /** OMIS's staff cancel a sale: the household is free again, and a confirmation is answered 409 sale_cancelled. */
  @Post('omis/sales/:reference/cancellation')
  @HttpCode(200)
  cancelSale(@Param('reference') reference: string, @Body() dto: ControlCancelSaleDto): OmisSale {
    const result = this.store.cancelSale(reference, dto.reason ?? 'cancelled_in_omis');
    switch (result.kind) {
      case 'cancelled':
      case 'already_cancelled':
        return result.sale;
      case 'not_found':
        throw new NotFoundException(`no OMIS sale ${reference}`);
      case 'sale_installed':
        throw new ConflictException(`OMIS sale ${reference} is installed`);
    }
  }

  /** From now on OMIS answers a registration (PUT) of this reference 409 household_blocked, whatever it holds. */
  @Put('omis/sales/:reference/refusal')
  refuse(@Param('reference') reference: string): { reference: string; refused: true } {
    this.store.refuseRegistration(reference);
    return { reference, refused: true };
  }

  @Delete('omis/sales/:reference/refusal')
  @HttpCode(204)
  allow(@Param('reference') reference: string): void {
    this.store.allowRegistration(reference);
  }

  /** From now on OMIS's status answer for the household has these fields, whatever its book says. */
  @Put('omis/households/:householdId/status')
  overrideStatus(@Param('householdId') householdId: string, @Body() dto: StatusOverrideDto): { householdId: string; status: OmisHouseholdStatus } {
    const fields = Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)) as Partial<OmisHouseholdStatus>;
    if (!this.store.overrideStatus(householdId, fields)) throw new NotFoundException(`no household ${householdId}`);
    return { householdId, status: this.store.householdStatus(householdId) };
  }

  @Delete('omis/households/:householdId/status')
  @HttpCode(204)
  clearStatusOverride(@Param('householdId') householdId: string): void {
    this.store.clearStatusOverride(householdId);
  }
}
