import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCodes, RecordDeliveryReply, RecordDeliveryRequest } from '@limye/contracts';
import { allocationKey, summarizeAllocation } from '../allocation/domain/allocation-entry';
import { EntryDraft } from '../journal/domain/posted-entry';
import { JournalService } from '../journal/journal.service';
import { deliveryFingerprint, deliveryKey, deliveryPostings, deliveryProblem } from './domain/delivery-entry';

@Injectable()
export class DeliveryService {
  constructor(private readonly journal: JournalService) {}

  /**
   * Moves a payment's delivered energy credit to energy_delivered, once; a replay posts nothing.
   * The usual case is one statement: the entry is inserted only if its key is free and the allocation allows
   * it (JournalRepository.postDeliveryIfAllocated checks what deliveryProblem checks). When it writes nothing —
   * a replay, a conflict, no or another allocation — the entries are read and answered as before: the allocation
   * is checked before the write, not in the same transaction (allocation entries are immutable, so one that
   * passed the check still holds when the delivery is posted).
   */
  async record(organisationId: string, req: RecordDeliveryRequest): Promise<RecordDeliveryReply> {
    const request = { key: deliveryKey(req.paymentId), requestHash: deliveryFingerprint(req) };
    const draft = (): EntryDraft => ({
      organisationId,
      kind: 'energy_delivery',
      paymentId: req.paymentId,
      description: `delivery for payment ${req.paymentId}${req.vendorRef ? ` (vendor ref ${req.vendorRef})` : ''}`,
      lines: deliveryPostings(req),
    });
    const posted = await this.journal.postIfAllocated(organisationId, request, draft(), {
      key: allocationKey(req.paymentId),
      customerId: req.customerId,
      currency: req.currency,
      amountMinor: req.amountMinor,
    });
    if (posted) return { paymentId: req.paymentId, entryId: posted.id, replayed: false };
    const { entry, replayed } = await this.journal.postOnceAfter(organisationId, request, allocationKey(req.paymentId), (allocation) => {
      const problem = deliveryProblem(req, allocation && summarizeAllocation(allocation.lines));
      if (problem) throw new DomainError(ErrorCodes.ledgerNotAllocated, problem, 409);
      return draft();
    });
    return { paymentId: req.paymentId, entryId: entry.id, replayed };
  }
}
