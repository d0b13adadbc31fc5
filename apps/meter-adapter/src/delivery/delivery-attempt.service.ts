import { Inject, Injectable, Logger } from '@nestjs/common';
import { DeliveryFailureCodes } from '@limye/contracts';
import { SERVICE_ENV } from '@limye/platform';
import { MeterAdapterEnv } from '../config/meter-adapter.env';
import type { DeliveryOutcome } from '../drivers/domain/delivery-outcome';
import { MeterDriverRegistry } from '../drivers/meter-driver.registry';
import { Delivery } from './delivery.entity';
import { deliveriesFinished, deliveryAttempts } from './delivery.metrics';
import { DeliveryRepository } from './delivery.repository';
import { decideAfterLookup, needsLookup, settleSendOutcome } from './domain/attempt-plan';
import { planNextState, RetryPolicy } from './domain/next-state';

/** Time for recording the outcome after the vendor budget is spent, before anyone else may take over. */
const LEASE_MARGIN_MS = 5000;

/**
 * Runs one attempt on a delivery this process has leased — for the worker and for a request alike —
 * and records what it learned. The attempt's vendor calls share one VENDOR_TIMEOUT_MS budget, which
 * the lease outlasts, so two attempts on one delivery never overlap unless a recording stalls past the
 * margin; even then the vendor dedupes the external id and only the lease holder's result is stored.
 */
@Injectable()
export class DeliveryAttemptService {
  private readonly logger = new Logger(DeliveryAttemptService.name);
  readonly leaseMs: number;
  private readonly policy: RetryPolicy;

  constructor(
    @Inject(SERVICE_ENV) private readonly env: MeterAdapterEnv,
    private readonly drivers: MeterDriverRegistry,
    private readonly deliveries: DeliveryRepository,
  ) {
    this.leaseMs = env.VENDOR_TIMEOUT_MS + LEASE_MARGIN_MS;
    this.policy = { baseMs: env.DELIVERY_RETRY_BASE_MS, maxMs: env.DELIVERY_RETRY_MAX_MS, maxAttempts: env.DELIVERY_MAX_ATTEMPTS };
  }

  /** `d` must have just been leased by this process (its `attempts` counts this attempt). */
  async run(d: Delivery): Promise<Delivery> {
    const outcome = await this.attempt(d).catch(
      (err: Error): DeliveryOutcome => ({ kind: 'unknown', reason: `attempt aborted by an internal error: ${err.message}` }),
    );
    const next = planNextState(outcome, d.attempts, this.policy);
    deliveryAttempts.inc({ driver: d.driver, outcome: next.failureCode === DeliveryFailureCodes.gaveUp ? 'gave_up' : outcome.kind });
    const stored = await this.deliveries.record(d, next);
    if (!stored) {
      this.logger.warn({ msg: 'attempt outcome not stored: the lease was lost', deliveryId: d.id, attempt: d.attempts, outcome: outcome.kind });
      return (await this.deliveries.findById(d.organisationId, d.id)) ?? d;
    }
    if (stored.status === 'DELIVERED' || stored.status === 'FAILED') deliveriesFinished.inc({ driver: d.driver, status: stored.status });
    const level = stored.status === 'FAILED' ? 'warn' : 'log';
    this.logger[level]({
      msg: 'delivery attempt',
      deliveryId: d.id,
      organisationId: d.organisationId,
      paymentId: d.paymentId,
      driver: d.driver,
      attempt: d.attempts,
      outcome: outcome.kind,
      status: stored.status,
      reason: stored.reason,
    });
    return stored;
  }

  private async attempt(d: Delivery): Promise<DeliveryOutcome> {
    const driver = this.drivers.get(d.driver);
    if (!driver) {
      const device = `${d.deviceType} devices made by "${d.deviceManufacturer}"`;
      return { kind: 'failed', code: DeliveryFailureCodes.unsupportedDevice, reason: `no driver for ${device}` };
    }
    const signal = AbortSignal.timeout(this.env.VENDOR_TIMEOUT_MS);
    if (!needsLookup(d)) return driver.deliver(d, signal);
    const decision = decideAfterLookup(await driver.queryOutcome(d, signal), d.attempts, this.policy.maxAttempts);
    if (decision.kind === 'record') return decision.outcome;
    return settleSendOutcome(await driver.deliver(d, signal), decision.knownNotCredited);
  }
}
