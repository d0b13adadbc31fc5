import { Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { DeliveryFailureCodes, DeliveryReply, DeliveryRequest, DomainError, ErrorCodes, isKnownCurrency } from '@limye/contracts';
import { AuditRecorder, Principal } from '@limye/platform';
import { DriverNames } from '../drivers/domain/driver-choice';
import { MeterDriverRegistry } from '../drivers/meter-driver.registry';
import { DeliveryAttemptService } from './delivery-attempt.service';
import { Delivery } from './delivery.entity';
import { deliveriesFinished } from './delivery.metrics';
import { DeliveryFilter, DeliveryRepository, NewDelivery } from './delivery.repository';
import { DeliveryWorker } from './delivery.worker';
import { toDeliveryReply } from './delivery.view';
import { deliveryDifferences } from './domain/delivery-conflict';

@Injectable()
export class DeliveryService {
  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly attempts: DeliveryAttemptService,
    private readonly drivers: MeterDriverRegistry,
    private readonly worker: DeliveryWorker,
    private readonly audit: AuditRecorder,
  ) {}

  /**
   * Idempotent on paymentId. The first request stores the delivery and tries the vendor at once, so the
   * usual answer is DELIVERED; a repeat answers the current state, trying once more if the delivery is
   * due and no attempt is in flight. A repeat that differs in what or where to credit is refused.
   * `organisationId` is the one the message was checked to be for (DeliveryNatsController).
   */
  async request(organisationId: string, req: DeliveryRequest): Promise<DeliveryReply> {
    if (!isKnownCurrency(req.currency)) {
      throw new DomainError(ErrorCodes.validationFailed, `currency ${req.currency} is not supported`, 400);
    }
    const inserted = await this.deliveries.insertIfAbsent(await this.newDelivery(organisationId, req), this.attempts.leaseMs);
    if (inserted) {
      if (inserted.status === 'FAILED') {
        deliveriesFinished.inc({ driver: inserted.driver, status: inserted.status });
        return toDeliveryReply(inserted);
      }
      return toDeliveryReply(await this.attempts.run(inserted));
    }
    const existing = await this.deliveries.findByPaymentId(organisationId, req.paymentId);
    if (!existing) throw new Error(`delivery for payment ${req.paymentId} vanished`);
    const differences = deliveryDifferences(existing, req);
    if (differences.length > 0) {
      throw new DomainError(
        ErrorCodes.meterDeliveryConflict,
        `payment ${req.paymentId} already has delivery ${existing.id} with a different ${differences.join(', ')}`,
        409,
      );
    }
    const [claimed] = await this.deliveries.claimDue(1, this.attempts.leaseMs, existing.id);
    return toDeliveryReply(claimed ? await this.attempts.run(claimed) : existing);
  }

  /** Another organisation's delivery is a 404, as one that does not exist. */
  async get(organisationId: string, id: string): Promise<Delivery> {
    const found = await this.deliveries.findById(organisationId, id);
    if (!found) throw new DomainError(ErrorCodes.notFound, `no delivery ${id}`, 404);
    return found;
  }

  list(filter: DeliveryFilter): Promise<Delivery[]> {
    return this.deliveries.list(filter);
  }

  /**
   * Makes a PENDING, UNKNOWN or FAILED delivery due now; the worker takes it from there at once. Over NATS: asked by
   * payment-intake's payment retry, which records the operator's action in its own audit log.
   */
  async retry(organisationId: string, id: string): Promise<Delivery> {
    return this.dueNowOrConflict(organisationId, id, await this.deliveries.makeDue(organisationId, id));
  }

  /** An operator's retry over HTTP: the same, with its audit row in the same transaction. */
  async retryByOperator(organisationId: string, id: string, caller?: Principal): Promise<Delivery> {
    const due = await this.audit.change(async (em) => {
      const before = await this.deliveries.findForUpdate(organisationId, id, em);
      const after = before ? await this.deliveries.makeDue(organisationId, id, em) : null;
      const audit = before && after
        ? { actor: caller, action: 'delivery.retried', target: { type: 'delivery', id }, before: retryView(before), after: retryView(after) }
        : null;
      return { result: after, audit };
    });
    return this.dueNowOrConflict(organisationId, id, due);
  }

  private async dueNowOrConflict(organisationId: string, id: string, due: Delivery | null): Promise<Delivery> {
    if (due) {
      this.worker.wake();
      return due;
    }
    const current = await this.get(organisationId, id);
    throw new DomainError(ErrorCodes.conflict, `delivery ${id} is ${current.status}: nothing to retry`, 409);
  }

  private async newDelivery(organisationId: string, req: DeliveryRequest): Promise<NewDelivery> {
    const choice = await this.drivers.choose(organisationId, req.device);
    const supported = choice.kind === 'driver';
    return {
      id: randomUUID(),
      organisationId,
      paymentId: req.paymentId,
      customerId: req.customerId,
      deviceId: req.device.id,
      deviceType: req.device.type,
      deviceManufacturer: req.device.manufacturer,
      deviceSerial: req.device.serial,
      deviceVendorAccountRef: req.device.vendorAccountRef ?? null,
      deviceSiteId: req.device.siteId ?? null,
      amountMinor: req.amountMinor,
      currency: req.currency,
      memo: req.memo ?? null,
      driver: supported ? choice.driver : DriverNames.none,
      status: supported ? 'PENDING' : 'FAILED',
      reason: supported ? null : choice.reason,
      failureCode: supported ? null : DeliveryFailureCodes.unsupportedDevice,
      leased: supported,
    };
  }
}

/** What an operator's retry changes on a delivery. */
function retryView(d: Delivery) {
  return { status: d.status, failureCode: d.failureCode, paymentId: d.paymentId };
}
