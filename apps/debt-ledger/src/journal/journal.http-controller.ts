import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ACCESS, Caller, callerOrganisation, Principal, RequireRoles } from '@limye/platform';
import { LedgerCheck } from './domain/ledger-check';
import { JournalService, PaymentEntriesView } from './journal.service';

@Controller('v1')
export class JournalHttpController {
  constructor(private readonly journal: JournalService) {}

  @Get('payments/:paymentId/entries')
  @RequireRoles(...ACCESS.ledgerRead)
  entriesOfPayment(@Caller() caller: Principal | undefined, @Param('paymentId', new ParseUUIDPipe()) paymentId: string): Promise<PaymentEntriesView> {
    return this.journal.entriesOfPayment(callerOrganisation(caller), paymentId.toLowerCase());
  }

  /** The caller's organisation's books. */
  @Get('ledger/check')
  @RequireRoles(...ACCESS.ledgerRead)
  check(@Caller() caller: Principal | undefined): Promise<LedgerCheck> {
    return this.journal.check(callerOrganisation(caller));
  }
}
