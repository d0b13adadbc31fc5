import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ACCESS, Caller, callerOrganisation, Principal, RequireRoles } from '@limye/platform';
import { LedgerCheck } from './domain/ledger-check';
import { JournalService, PaymentEntriesView } from './journal.service';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { LedgerCheckResponse, PaymentEntriesResponse } from './ledger.responses';

@Controller('v1')
export class JournalHttpController {
  constructor(private readonly journal: JournalService) {}

  @ApiOperation({ summary: 'The journal entries of a payment (allocation, delivery)' })
  @ApiOkResponse({ type: PaymentEntriesResponse, description: 'Its entries; none for a payment the ledger has not seen.' })
  @Get('payments/:paymentId/entries')
  @RequireRoles(...ACCESS.ledgerRead)
  entriesOfPayment(@Caller() caller: Principal | undefined, @Param('paymentId', new ParseUUIDPipe()) paymentId: string): Promise<PaymentEntriesView> {
    return this.journal.entriesOfPayment(callerOrganisation(caller), paymentId.toLowerCase());
  }

  /** The caller's organisation's books. */
  @ApiOperation({ summary: 'Check that the organisation\'s ledger balances (every currency sums to zero, no entry off)' })
  @ApiOkResponse({ type: LedgerCheckResponse })
  @Get('ledger/check')
  @RequireRoles(...ACCESS.ledgerRead)
  check(@Caller() caller: Principal | undefined): Promise<LedgerCheck> {
    return this.journal.check(callerOrganisation(caller));
  }
}
