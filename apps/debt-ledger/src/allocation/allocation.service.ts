import { Injectable } from '@nestjs/common';
import { AllocatePaymentReply, AllocatePaymentRequest } from '@limye/contracts';
import { JournalService } from '../journal/journal.service';
import { allocatePayment } from './domain/allocate-payment';
import { allocationFingerprint, allocationKey, allocationPostings, summarizeAllocation } from './domain/allocation-entry';

@Injectable()
export class AllocationService {
  constructor(private readonly journal: JournalService) {}

  /** Posts the allocation of a verified, matched payment once; a replay returns the same entry. */
  /** Into `organisationId`'s books (the message's, re-checked by the NATS controller). */
  async allocate(organisationId: string, req: AllocatePaymentRequest): Promise<AllocatePaymentReply> {
    const request = { key: allocationKey(req.paymentId), requestHash: allocationFingerprint(req) };
    // The draft needs nothing from the ledger, so it is built up front and posted in one statement.
    const { entry, replayed } = await this.journal.postOnce(request, {
      organisationId,
      kind: 'payment_allocation',
      paymentId: req.paymentId,
      description: `payment ${req.paymentId} via ${req.provider}${req.deviceId ? ` for device ${req.deviceId}` : ''}`,
      lines: allocationPostings(req, allocatePayment(req.amountMinor, [])),
    });
    // Read from the postings, so a replay answers exactly what the first call did.
    const summary = summarizeAllocation(entry.lines);
    return {
      paymentId: req.paymentId,
      entryId: entry.id,
      currency: summary.currency,
      debtClearedMinor: summary.debtClearedMinor,
      energyCreditMinor: summary.energyCreditMinor,
      replayed,
    };
  }
}
