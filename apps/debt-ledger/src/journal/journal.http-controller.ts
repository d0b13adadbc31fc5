import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ACCESS, RequireRoles } from '@limye/platform';
import { LedgerCheck } from './domain/ledger-check';
import { JournalService, PaymentEntriesView } from './journal.service';

@Controller('v1')
export class JournalHttpController {
  constructor(private readonly journal: JournalService) {}

  @Get('payments/:paymentId/entries')
  @RequireRoles(...ACCESS.ledgerRead)
  entriesOfPayment(@Param('paymentId', new ParseUUIDPipe()) paymentId: string): Promise<PaymentEntriesView> {
    return this.journal.entriesOfPayment(paymentId.toLowerCase());
  }

  @Get('ledger/check')
  @RequireRoles(...ACCESS.ledgerRead)
  check(): Promise<LedgerCheck> {
    return this.journal.check();
  }
}
