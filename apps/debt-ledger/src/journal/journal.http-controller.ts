import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
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
  entriesOfPayment(@Param('paymentId', new ParseUUIDPipe()) paymentId: string): Promise<PaymentEntriesView> {
    return this.journal.entriesOfPayment(paymentId.toLowerCase());
  }

  @ApiOperation({ summary: 'Check that the whole ledger balances (every currency sums to zero, no entry off)' })
  @ApiOkResponse({ type: LedgerCheckResponse })
  @Get('ledger/check')
  check(): Promise<LedgerCheck> {
    return this.journal.check();
  }
}
