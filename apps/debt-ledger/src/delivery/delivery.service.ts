import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCodes, RecordDeliveryReply, RecordDeliveryRequest } from '@limye/contracts';
import { allocationKey, summarizeAllocation } from '../allocation/domain/allocation-entry';
import { JournalService } from '../journal/journal.service';
import { deliveryFingerprint, deliveryKey, deliveryPostings, deliveryProblem } from './domain/delivery-entry';

@Injectable()
export class DeliveryService {
  constructor(private readonly journal: JournalService) {}

  /**
   * Moves a payment's delivered energy credit to energy_delivered, once; a replay posts nothing.
   * The allocation is checked before the write, not in the same transaction: allocation entries are
   * immutable, so one that passed the check still holds when the delivery is posted.
   */
  async record(organisationId: string, req: RecordDeliveryRequest): Promise<RecordDeliveryReply> {
    const request = { key: deliveryKey(req.paymentId), requestHash: deliveryFingerprint(req) };
    const { entry, replayed } = await this.journal.postOnceAfter(organisationId, request, allocationKey(req.paymentId), (allocation) => {
      const problem = deliveryProblem(req, allocation && summarizeAllocation(allocation.lines));
      if (problem) throw new DomainError(ErrorCodes.ledgerNotAllocated, problem, 409);
      return {
        organisationId,
        kind: 'energy_delivery',
        paymentId: req.paymentId,
        description: `delivery for payment ${req.paymentId}${req.vendorRef ? ` (vendor ref ${req.vendorRef})` : ''}`,
        lines: deliveryPostings(req),
      };
    });
    return { paymentId: req.paymentId, entryId: entry.id, replayed };
  }
}
