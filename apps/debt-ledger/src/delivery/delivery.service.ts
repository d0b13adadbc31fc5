import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, ErrorCodes, RecordDeliveryReply, RecordDeliveryRequest } from '@limye/contracts';
import { allocationKey, summarizeAllocation } from '../allocation/domain/allocation-entry';
import { JournalService } from '../journal/journal.service';
import { deliveryFingerprint, deliveryKey, deliveryPostings, deliveryProblem } from './domain/delivery-entry';

@Injectable()
export class DeliveryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly journal: JournalService,
  ) {}

  /** Moves a payment's delivered energy credit to energy_delivered, once; a replay posts nothing. */
  record(req: RecordDeliveryRequest): Promise<RecordDeliveryReply> {
    const request = { key: deliveryKey(req.paymentId), requestHash: deliveryFingerprint(req) };
    return this.dataSource.transaction('READ COMMITTED', async (em) => {
      const { entry, replayed } = await this.journal.postOnce(em, request, async () => {
        const allocation = await this.journal.findEntry(em, allocationKey(req.paymentId));
        const problem = deliveryProblem(req, allocation && summarizeAllocation(allocation.lines));
        if (problem) throw new DomainError(ErrorCodes.ledgerNotAllocated, problem, 409);
        return {
          kind: 'energy_delivery',
          paymentId: req.paymentId,
          description: `delivery for payment ${req.paymentId}${req.vendorRef ? ` (vendor ref ${req.vendorRef})` : ''}`,
          lines: deliveryPostings(req),
        };
      });
      return { paymentId: req.paymentId, entryId: entry.id, replayed };
    });
  }
}
